//! Opportunities: the figures worked by hand — probability and weighted amounts, time in each
//! stage, the flags, the board's totals — and the rules of the form, the stages and the moves.

use super::history::{cycle_days, days_in_stage, stays};
use super::list::{Clock, DealBook, DealQuery, DealSort, ExportWords, Flag, StateFilter, export};
use super::stage::{DefaultStage, Outcome, Pipeline, Stage, StageId, StageProblem};
use super::*;
use crate::domain::lead::list::OwnerFilter;
use std::str::FromStr;

const DAY: i64 = 86_400_000;
/// 2026-11-02T00:00:00Z.
const T0: Timestamp = Timestamp(1_793_577_600_000);

fn at(days: i64) -> Timestamp {
    Timestamp(T0.0 + days * DAY)
}

fn date(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn stage(id: &str) -> StageId {
    StageId(id.into())
}

fn input(customer: Id) -> OpportunityInput {
    OpportunityInput {
        customer_id: Some(customer),
        name: "2027 年度包装材料采购".into(),
        amount: "120000.50".into(),
        currency: Currency::Cny,
        close_date: "2026-12-20".into(),
        ..OpportunityInput::default()
    }
}

fn deal(customer: Id, now: Timestamp) -> Opportunity {
    let p = Pipeline::default();
    Opportunity::create(
        Id::generate(),
        input(customer).validate().unwrap(),
        p.first().id.clone(),
        None,
        now,
    )
}

#[test]
fn the_default_stages_are_the_texts_with_their_probabilities() {
    let p = Pipeline::default();
    let got: Vec<(&str, u8, Outcome)> = p
        .stages
        .iter()
        .map(|s| (s.id.as_str(), s.probability, s.outcome))
        .collect();
    assert_eq!(
        got,
        vec![
            ("prospecting", 10, Outcome::Open),
            ("needs", 25, Outcome::Open),
            ("proposal", 50, Outcome::Open),
            ("negotiation", 75, Outcome::Open),
            ("won", 100, Outcome::Won),
            ("lost", 0, Outcome::Lost),
        ]
    );
    assert_eq!(p.first().id, stage("prospecting"));
    assert_eq!(
        p.neighbour(&stage("needs"), 1).unwrap().id,
        stage("proposal")
    );
    assert_eq!(p.neighbour(&stage("prospecting"), -1), None);
}

#[test]
fn probability_comes_from_the_stage_unless_set_and_closing_fixes_it() {
    let p = Pipeline::default();
    let mut o = deal(Id::generate(), T0);
    assert_eq!(o.probability(&p), 10);
    o.move_to(&stage("proposal"), &p, None, at(1)).unwrap();
    assert_eq!(o.probability(&p), 50);
    // 120,000.50 × 50 % = 60,000.25, exactly.
    assert_eq!(o.weighted(&p), Decimal::from_str("60000.25").unwrap());
    o.probability = Some(35);
    // 120,000.50 × 35 % = 42,000.175 — kept exact, not rounded to cents.
    assert_eq!(o.weighted(&p), Decimal::from_str("42000.175").unwrap());
    o.win(&p, date("2026-11-05"), None, None, at(3));
    assert_eq!(o.probability(&p), 100);
    assert_eq!(o.weighted(&p), Decimal::from_str("120000.50").unwrap());
    let mut l = deal(Id::generate(), T0);
    l.lose(&p, LostReason::Price, "", date("2026-11-05"), None, at(3));
    assert_eq!((l.probability(&p), l.weighted(&p)), (0, Decimal::ZERO));
}

#[test]
fn moves_keep_the_history_and_closing_asks_for_its_own_step() {
    let p = Pipeline::default();
    let mut o = deal(Id::generate(), T0);
    let me = Id::generate();
    assert_eq!(
        o.move_to(&stage("won"), &p, None, at(1)),
        Err(MoveError::CloseByMove)
    );
    assert_eq!(
        o.move_to(&stage("nowhere"), &p, None, at(1)),
        Err(MoveError::UnknownStage)
    );
    o.move_to(&stage("needs"), &p, Some(me), at(1)).unwrap();
    // Moving to the stage it is in records nothing.
    o.move_to(&stage("needs"), &p, Some(me), at(2)).unwrap();
    let path: Vec<&str> = o.history.iter().map(|c| c.stage.as_str()).collect();
    assert_eq!(path, vec!["prospecting", "needs"]);
    assert_eq!(o.history[1].by, Some(me));
    assert_eq!(o.updated_at, at(1));
}

#[test]
fn winning_books_the_amount_and_closes_the_next_step() {
    let p = Pipeline::default();
    let customer = Id::generate();
    let mut i = input(customer);
    i.next_step = "发送正式报价".into();
    i.next_step_due = "2026-11-10".into();
    let mut o = Opportunity::create(
        Id::generate(),
        i.validate().unwrap(),
        p.first().id.clone(),
        None,
        T0,
    );
    assert!(o.open_step().is_some());
    let pid = Id::generate();
    o.win(&p, date("2026-11-06"), Some(pid), None, at(4));
    assert!(!o.is_open());
    assert_eq!(o.stage, stage("won"));
    assert_eq!(o.closing.as_ref().unwrap().purchase_id, Some(pid));
    assert_eq!(o.open_step(), None, "a won deal has nothing left to do");
    let bought = o.purchase(pid, date("2026-11-06"), at(4));
    assert_eq!(bought.customer_id, customer);
    assert_eq!(bought.amount, o.amount);
    assert_eq!(bought.product, "2027 年度包装材料采购");
    assert_eq!(bought.quantity, Decimal::ONE);
    // Reopened into an open stage: open again, the close forgotten, history kept.
    o.move_to(&stage("negotiation"), &p, None, at(5)).unwrap();
    assert!(o.is_open());
    assert_eq!(o.history.len(), 3);
}

#[test]
fn losing_names_the_competitor_once() {
    let p = Pipeline::default();
    let mut o = deal(Id::generate(), T0);
    o.competitors = vec!["Acme 包装".into()];
    o.lose(
        &p,
        LostReason::Competitor,
        " acme 包装 ",
        date("2026-11-03"),
        None,
        at(1),
    );
    assert_eq!(o.competitors, vec!["Acme 包装".to_string()]);
    assert_eq!(o.closing.as_ref().unwrap().lost_to, "acme 包装");
    let mut o2 = deal(Id::generate(), T0);
    o2.lose(
        &p,
        LostReason::Competitor,
        "华南纸业",
        date("2026-11-03"),
        None,
        at(1),
    );
    assert_eq!(o2.competitors, vec!["华南纸业".to_string()]);
    assert_eq!(o2.stage, stage("lost"));
}

#[test]
fn time_in_each_stage_worked_by_hand() {
    let p = Pipeline::default();
    // Day 0 prospecting, day 3 needs, day 10 back to prospecting, day 12 proposal; now day 20.
    let mut o = deal(Id::generate(), T0);
    o.move_to(&stage("needs"), &p, None, at(3)).unwrap();
    o.move_to(&stage("prospecting"), &p, None, at(10)).unwrap();
    o.move_to(&stage("proposal"), &p, None, at(12)).unwrap();
    let s = stays(&o, at(20));
    let got: Vec<(&str, f64, u32, bool)> = s
        .iter()
        .map(|x| (x.stage.as_str(), x.days(), x.entered, x.current))
        .collect();
    // Prospecting 3 + 2 days over two stays, needs 7, proposal 8 and counting.
    assert_eq!(
        got,
        vec![
            ("prospecting", 5.0, 2, false),
            ("needs", 7.0, 1, false),
            ("proposal", 8.0, 1, true),
        ]
    );
    assert_eq!(days_in_stage(&o, at(20)), 8);
    assert_eq!(cycle_days(&o, at(20)), 20);
    // Won on day 15: proposal 3 days, the won stage none, the cycle 15 days whatever now is.
    o.win(&p, date("2026-11-17"), None, None, at(15));
    let s = stays(&o, at(40));
    assert_eq!(s[2].days(), 3.0);
    assert_eq!(
        (s[3].stage.as_str(), s[3].ms, s[3].current),
        ("won", 0, false)
    );
    assert_eq!(cycle_days(&o, at(40)), 15);
}

#[test]
fn overdue_and_stale_flags() {
    let mut o = deal(Id::generate(), T0);
    assert!(!o.is_overdue(date("2026-12-20")));
    assert!(o.is_overdue(date("2026-12-21")));
    // Last change day 0; quiet for 14 days on day 14, not on day 13.
    assert!(o.is_stale(at(14), 14, None));
    assert!(!o.is_stale(at(13), 14, None));
    // A call with the customer on day 5 counts as activity: stale from day 19.
    assert!(!o.is_stale(at(18), 14, Some(at(5))));
    assert!(o.is_stale(at(19), 14, Some(at(5))));
    o.lose(
        &Pipeline::default(),
        LostReason::Timing,
        "",
        date("2026-11-02"),
        None,
        T0,
    );
    assert!(
        !o.is_stale(at(100), 14, None),
        "a closed deal is never stale"
    );
    assert!(!o.is_overdue(date("2027-06-01")));
}

#[test]
fn the_form_reports_every_problem_at_once() {
    let bad = OpportunityInput {
        customer_id: None,
        name: "  ".into(),
        amount: "12.345".into(),
        close_date: "2026-02-30".into(),
        probability: "120".into(),
        competitors: vec!["Acme".into(), "ACME".into()],
        next_step: "回访".into(),
        ..OpportunityInput::default()
    };
    let errs = bad.validate().unwrap_err();
    let fields: Vec<(Field, Option<usize>, Problem)> =
        errs.iter().map(|e| (e.field, e.index, e.problem)).collect();
    assert_eq!(
        fields,
        vec![
            (Field::Customer, None, Problem::Required),
            (Field::Name, None, Problem::Required),
            (Field::Amount, None, Problem::TooManyDecimals { max: 2 }),
            (Field::CloseDate, None, Problem::BadDate),
            (Field::Probability, None, Problem::BadPercent),
            (Field::Competitor, Some(1), Problem::Duplicate),
            (Field::CommitmentDue, None, Problem::Required),
        ]
    );
    let mut ok = input(Id::generate());
    ok.probability = "35%".into();
    ok.amount = String::new();
    let f = ok.validate().unwrap();
    assert_eq!((f.probability, f.amount.amount), (Some(35), Decimal::ZERO));
}

#[test]
fn an_edit_keeps_a_done_step_done_and_records_a_new_owner() {
    let mut i = input(Id::generate());
    i.next_step = "寄样品".into();
    i.next_step_due = "2026-11-09".into();
    let mut o = Opportunity::create(
        Id::generate(),
        i.validate().unwrap(),
        stage("prospecting"),
        None,
        T0,
    );
    o.set_step_done(true, at(1));
    let mut again = OpportunityInput::from_opportunity(&o);
    // A done step is not offered for editing: the form starts without one.
    assert_eq!(again.next_step, "");
    again.next_step = "寄样品".into();
    again.next_step_due = "2026-11-09".into();
    let rep = Id::generate();
    again.owner_id = Some(rep);
    o.apply(again.validate().unwrap(), at(2));
    assert_eq!(o.next_step.as_ref().unwrap().done_at, Some(at(1)));
    assert_eq!(o.owners.len(), 2);
    assert_eq!((o.owners[1].owner_id, o.owners[1].from), (Some(rep), at(2)));
}

fn open_stage(id: &str, name: &str, probability: u8) -> Stage {
    Stage {
        id: stage(id),
        name: name.into(),
        probability,
        outcome: Outcome::Open,
    }
}

#[test]
fn editing_the_stages_is_checked() {
    let p = Pipeline::default();
    let none = |_: &StageId| 0;
    // Rename, reorder, add: won and lost stay at the end.
    let edited = p
        .edited(
            vec![
                open_stage("needs", "", 25),
                open_stage("x1", "样品测试", 60),
                open_stage("negotiation", "谈判", 80),
            ],
            "签约",
            "",
            14,
            none,
            at(1),
        )
        .unwrap();
    let got: Vec<(&str, &str, u8)> = edited
        .stages
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str(), s.probability))
        .collect();
    assert_eq!(
        got,
        vec![
            ("needs", "", 25),
            ("x1", "样品测试", 60),
            ("negotiation", "谈判", 80),
            ("won", "签约", 100),
            ("lost", "", 0),
        ]
    );
    // Nothing open, a nameless new stage, a repeated name, a probability over 100, and a
    // removed stage that three deals stand in.
    assert_eq!(
        p.edited(vec![], "", "", 0, none, at(1)).unwrap_err(),
        vec![StageProblem::StaleDays, StageProblem::NoOpenStage]
    );
    let errs = p
        .edited(
            vec![
                open_stage("a", "", 10),
                open_stage("b", "谈判", 101),
                open_stage("c", "谈判", 20),
            ],
            "",
            "",
            30,
            |s: &StageId| if s.as_str() == "proposal" { 3 } else { 0 },
            at(1),
        )
        .unwrap_err();
    assert!(errs.contains(&StageProblem::Name(0, Problem::Required)));
    assert!(errs.contains(&StageProblem::Probability(1)));
    assert!(errs.contains(&StageProblem::DuplicateName(2)));
    assert!(errs.iter().any(|e| matches!(e,
        StageProblem::InUse(s, 3) if s.id == stage("proposal"))));
    assert_eq!(
        DefaultStage::of(&stage("negotiation")),
        Some(DefaultStage::Negotiation)
    );
}

fn book_of(deals: Vec<Opportunity>, names: &[(Id, &'static str)]) -> DealBook {
    let names: HashMap<Id, &'static str> = names.iter().copied().collect();
    DealBook::new(deals, |id| names.get(&id).copied().unwrap_or(""))
}

use std::collections::HashMap;

#[test]
fn the_board_totals_each_stage_per_currency() {
    let p = Pipeline::default();
    let (a, b) = (Id::generate(), Id::generate());
    let mut d1 = deal(a, T0); // 120,000.50 CNY in prospecting (10 %)
    let mut d2 = deal(b, T0);
    d2.amount = Money::new(Decimal::from(40_000), Currency::Cny);
    d2.close_date = date("2026-12-01");
    let mut d3 = deal(b, T0);
    d3.amount = Money::new(Decimal::from(5_000), Currency::Usd);
    d3.move_to(&stage("proposal"), &p, None, at(1)).unwrap();
    let mut won_old = deal(a, T0);
    won_old.win(&p, date("2026-11-02"), None, None, T0);
    let mut won_new = deal(a, T0);
    won_new.win(&p, date("2026-11-30"), None, None, at(28));
    d1.probability = None;
    let book = book_of(
        vec![d1.clone(), d2.clone(), d3, won_old, won_new.clone()],
        &[(a, "华星贸易"), (b, "Blue Ocean Ltd")],
    );
    let clock = Clock {
        now: at(30),
        today: date("2026-12-02"),
        stale_days: 14,
    };
    let cols = book.board(&DealQuery::default(), &p, &clock, 14);
    assert_eq!(cols.len(), 6);
    // Prospecting: the 40,000 deal (closing 12-01) before the 120,000.50 one (12-20).
    assert_eq!(cols[0].deals, vec![1, 0]);
    assert_eq!(
        cols[0].totals.amount[&Currency::Cny],
        Decimal::from_str("160000.50").unwrap()
    );
    // Weighted: (120,000.50 + 40,000) × 10 % = 16,000.05.
    assert_eq!(
        cols[0].totals.weighted[&Currency::Cny],
        Decimal::from_str("16000.05").unwrap()
    );
    // Proposal: US$5,000 at 50 % = US$2,500, never added to yuan.
    assert_eq!(
        cols[2].totals.weighted[&Currency::Usd],
        Decimal::from(2_500)
    );
    assert!(!cols[2].totals.amount.contains_key(&Currency::Cny));
    // Won: only the deal closed in the last 14 days.
    assert_eq!(cols[4].deals, vec![4]);
    // The pipeline's size: the three open deals.
    let open = book.open_totals(&p);
    assert_eq!(open.count, 3);
    assert_eq!(
        open.amount[&Currency::Cny],
        Decimal::from_str("160000.50").unwrap()
    );
}

#[test]
fn the_table_filters_searches_and_sorts() {
    let p = Pipeline::default();
    let (a, b) = (Id::generate(), Id::generate());
    let rep = Id::generate();
    let mut d1 = deal(a, T0);
    d1.name = "办公家具".into();
    d1.owner_id = Some(rep);
    let mut d2 = deal(b, at(1));
    d2.name = "Annual paper supply".into();
    d2.amount = Money::new(Decimal::from(900_000), Currency::Cny);
    d2.close_date = date("2026-11-20");
    let mut d3 = deal(b, at(2));
    d3.name = "Trial order".into();
    d3.lose(&p, LostReason::Price, "", date("2026-11-04"), None, at(2));
    let book = book_of(
        vec![d1, d2, d3],
        &[(a, "华星贸易有限公司"), (b, "Blue Ocean Ltd")],
    );
    let clock = Clock {
        now: at(30),
        today: date("2026-12-02"),
        stale_days: 14,
    };
    let q = |f: &dyn Fn(&mut DealQuery)| {
        let mut q = DealQuery::default();
        f(&mut q);
        book.query(&q, &p, &clock)
    };
    // Open deals, soonest close first.
    assert_eq!(q(&|_| {}), vec![1, 0]);
    assert_eq!(q(&|q| q.state = StateFilter::Lost), vec![2]);
    assert_eq!(q(&|q| q.state = StateFilter::All).len(), 3);
    // The customer's name in pinyin finds its deal.
    assert_eq!(q(&|q| q.text = "huaxing".into()), vec![0]);
    assert_eq!(q(&|q| q.owner = OwnerFilter::Member(rep)), vec![0]);
    assert_eq!(q(&|q| q.owner = OwnerFilter::Unassigned), vec![1]);
    // Overdue: closing 2026-11-20, before today.
    assert_eq!(q(&|q| q.flag = Flag::Overdue), vec![1]);
    assert_eq!(q(&|q| q.sort = DealSort::Amount), vec![1, 0]);
    assert_eq!(q(&|q| q.stage = Some(stage("needs"))), Vec::<usize>::new());
}

#[test]
fn the_export_guards_formulas_and_writes_exact_amounts() {
    let p = Pipeline::default();
    let a = Id::generate();
    let mut d = deal(a, T0);
    d.name = "=HYPERLINK(\"http://x\")".into();
    d.competitors = vec!["Acme".into(), "华南纸业".into()];
    let book = book_of(vec![d], &[(a, "华星")]);
    let words = ExportWords {
        headers: [
            "deal",
            "customer",
            "amount",
            "currency",
            "p",
            "weighted",
            "stage",
            "close",
            "owner",
            "competitors",
            "step",
            "due",
            "created",
        ],
        stage: &|s: &StageId| s.as_str().to_string(),
        customer: &|_| "华星".into(),
        member: &|_| String::new(),
        joiner: "、",
        offset_minutes: 480,
    };
    let out = export(&book, &[0], &p, &words);
    let line = out.lines().nth(1).unwrap();
    assert_eq!(
        line,
        "\"'=HYPERLINK(\"\"http://x\"\")\",华星,120000.50,CNY,10,12000.05,prospecting,2026-12-20,,Acme、华南纸业,,,2026-11-02"
    );
}

#[test]
fn sums_in_several_currencies_read_as_one_line() {
    use super::list::format_sums;
    use crate::domain::lang::Lang;
    let mut sums = std::collections::BTreeMap::new();
    assert_eq!(format_sums(&sums, Lang::Zh), "¥0");
    sums.insert(Currency::Cny, Decimal::from_str("160000.50").unwrap());
    sums.insert(Currency::Usd, Decimal::from(5_000));
    // Whole units, half away from zero: 160,000.50 → 160,001.
    assert_eq!(format_sums(&sums, Lang::Zh), "¥160,001 + US$5,000");
}

#[test]
fn a_view_round_trips_through_its_link() {
    let q = DealQuery {
        text: "华星".into(),
        state: StateFilter::Won,
        stage: Some(stage("proposal")),
        owner: OwnerFilter::Unassigned,
        flag: Flag::Stale,
        sort: DealSort::Weighted,
    };
    let params = q.to_params();
    let back = DealQuery::from_params(params.iter().map(|(k, v)| (*k, v.as_str())));
    assert_eq!(back, q);
    assert!(DealQuery::default().to_params().is_empty());
    // An outdated link opens the default view.
    assert_eq!(
        DealQuery::from_params([("sort", "biggest"), ("owner", "x"), ("state", "?")]),
        DealQuery::default()
    );
}

#[test]
fn a_moved_card_changes_only_its_two_columns_sums_worked_by_hand() {
    let p = Pipeline::default();
    let a = Id::generate();
    let d1 = deal(a, T0); // 120,000.50 CNY, prospecting, closes 12-20
    let mut d2 = deal(a, T0);
    d2.amount = Money::new(Decimal::from(40_000), Currency::Cny);
    d2.close_date = date("2026-12-01");
    let mut d3 = deal(a, T0);
    d3.amount = Money::new(Decimal::from(10_000), Currency::Cny);
    d3.move_to(&stage("proposal"), &p, None, at(1)).unwrap();
    let mut book = book_of(vec![d1, d2.clone(), d3], &[(a, "华星贸易")]);
    let clock = Clock {
        now: at(30),
        today: date("2026-12-02"),
        stale_days: 14,
    };
    let q = DealQuery::default();
    let before = book.board_from(None, &q, &p, &clock, 14);
    let open_before = book.open_totals_from(None, &p);
    d2.move_to(&stage("proposal"), &p, None, at(30)).unwrap();
    book.put(d2, "华星贸易");
    let after = book.board_from(Some(&before), &q, &p, &clock, 14);
    // Prospecting keeps 120,000.50 at 10 % = 12,000.05.
    assert_eq!(after.columns[0].deals, vec![0]);
    assert_eq!(
        after.columns[0].totals.weighted[&Currency::Cny],
        Decimal::from_str("12000.05").unwrap()
    );
    // Proposal: 40,000 (closes 12-01) before 10,000 (12-20); (40,000 + 10,000) × 50 % = 25,000.
    assert_eq!(after.columns[2].deals, vec![1, 2]);
    assert_eq!(
        after.columns[2].totals.amount[&Currency::Cny],
        Decimal::from(50_000)
    );
    assert_eq!(
        after.columns[2].totals.weighted[&Currency::Cny],
        Decimal::from(25_000)
    );
    // The pipeline's weighted size: 12,000.05 + 25,000 = 37,000.05 (was 12,000.05 + 4,000 +
    // 5,000 = 21,000.05); its amount is unchanged.
    let open = book.open_totals_from(Some(&open_before), &p);
    assert_eq!(
        open_before.totals.weighted[&Currency::Cny],
        Decimal::from_str("21000.05").unwrap()
    );
    assert_eq!(
        open.totals.weighted[&Currency::Cny],
        Decimal::from_str("37000.05").unwrap()
    );
    assert_eq!(open.totals, book.open_totals(&p));
    assert_eq!(after.columns, book.board(&q, &p, &clock, 14));
}

/// A small deterministic generator (xorshift), so the sequence of changes is the same each run.
struct Rand(u64);

impl Rand {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn the_board_and_totals_kept_up_with_changes_equal_those_made_again() {
    let p = Pipeline::default();
    let customers = [Id::generate(), Id::generate(), Id::generate()];
    let names = [
        (customers[0], "华星贸易"),
        (customers[1], "Blue Ocean Ltd"),
        (customers[2], "包装材料厂"),
    ];
    let reps = [Id::generate(), Id::generate()];
    let mut r = Rand(0x9e37_79b9_7f4a_7c15);
    let mut deals = Vec::new();
    for k in 0..40 {
        let mut o = deal(customers[k % 3], at(k as i64 % 20));
        o.amount = Money::new(
            Decimal::new(r.below(1_000_000) as i64, 2),
            if k % 5 == 0 {
                Currency::Usd
            } else {
                Currency::Cny
            },
        );
        o.close_date = date("2026-11-20") + chrono::Days::new(r.below(40) as u64);
        o.owner_id = (k % 4 != 0).then(|| reps[k % 2]);
        deals.push(o);
    }
    let mut book = book_of(deals, &names);
    let clock = Clock {
        now: at(30),
        today: date("2026-12-02"),
        stale_days: 14,
    };
    let queries = [
        DealQuery::default(),
        DealQuery {
            text: "bao".into(),
            ..DealQuery::default()
        },
        DealQuery {
            owner: OwnerFilter::Member(reps[0]),
            flag: Flag::Overdue,
            ..DealQuery::default()
        },
    ];
    let mut boards: Vec<_> = queries
        .iter()
        .map(|q| book.board_from(None, q, &p, &clock, 14))
        .collect();
    let mut open = book.open_totals_from(None, &p);
    let stages = ["prospecting", "needs", "proposal", "negotiation"];
    for step in 0..150 {
        // One to three changes between two looks, a deal sometimes changed twice.
        for _ in 0..=r.below(3) {
            let n = book.deals().len();
            let mut o = book.deals()[r.below(n)].clone();
            match r.below(8) {
                0 | 1 => {
                    let _ = o.move_to(&stage(stages[r.below(4)]), &p, None, at(30));
                }
                2 if o.is_open() => o.win(&p, date("2026-12-01"), None, None, at(29)),
                3 if o.is_open() => {
                    o.lose(&p, LostReason::Price, "", date("2026-12-01"), None, at(29))
                }
                4 => {
                    o.deleted_at = if o.deleted_at.is_some() {
                        None
                    } else {
                        Some(at(30))
                    }
                }
                5 => o.amount = Money::new(Decimal::new(r.below(500_000) as i64, 2), Currency::Usd),
                6 => o.close_date = date("2026-11-25") + chrono::Days::new(r.below(20) as u64),
                _ => {
                    o = deal(customers[r.below(3)], at(30));
                    o.name = "包装 new".into();
                    o.owner_id = Some(reps[r.below(2)]);
                }
            }
            let name = names.iter().find(|(c, _)| *c == o.customer_id).unwrap().1;
            book.put(o, name);
        }
        // Now and then a look comes after more changes than the book recalls: made again.
        if step % 50 == 49 {
            for _ in 0..70 {
                let o = book.deals()[r.below(book.deals().len())].clone();
                let name = names.iter().find(|(c, _)| *c == o.customer_id).unwrap().1;
                book.put(o, name);
            }
        }
        for (q, b) in queries.iter().zip(boards.iter_mut()) {
            *b = book.board_from(Some(b), q, &p, &clock, 14);
            assert_eq!(
                b.columns,
                book.board(q, &p, &clock, 14),
                "step {step}, {q:?}"
            );
        }
        open = book.open_totals_from(Some(&open), &p);
        assert_eq!(open.totals, book.open_totals(&p), "step {step}");
    }
    // A board of another book is not followed: made again.
    let other = book_of(book.deals().to_vec(), &names);
    let b = other.board_from(Some(&boards[0]), &queries[0], &p, &clock, 14);
    assert_eq!(b.columns, other.board(&queries[0], &p, &clock, 14));
}
