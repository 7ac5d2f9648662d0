//! Complaints in every stage of their handling.

use super::SampleConfig;
use super::rng::Rng;
use crate::domain::complaint::{Category, Complaint, Severity};
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::interaction::Channel;
use crate::domain::purchase::Purchase;
use crate::domain::time::{Timestamp, epoch_day};

/// About one buyer in sixteen has a complaint, in every stage of handling: recent ones new or
/// acknowledged (some already past their deadline), older ones resolved or closed. Drawn from
/// a generator of its own, so adding complaints left every other sample value unchanged.
pub(super) fn complaints_of(
    cfg: &SampleConfig,
    index: usize,
    customer: &Customer,
    foreign: bool,
    purchases: &[Purchase],
) -> Vec<Complaint> {
    let mut rng = Rng::new(cfg.seed ^ (index as u64).wrapping_mul(0xd6e8_feb8_6659_fd93) ^ 0xc0);
    if purchases.is_empty() || !rng.chance(1.0 / 16.0) {
        return Vec::new();
    }
    const CASES: [(Category, &str, &str, &str, &str); 6] = [
        (
            Category::Product,
            "第二批货有三箱包装破损，部分产品划伤",
            "Three cartons of the second batch arrived damaged",
            "换货并补发",
            "Replaced the damaged goods",
        ),
        (
            Category::Delivery,
            "交货比合同晚了五天，影响生产排期",
            "Delivered five days later than agreed",
            "调整排产，后续订单优先发货",
            "Rescheduled; their next orders ship first",
        ),
        (
            Category::Price,
            "同型号报价比上月高 8%，且两位销售报价不一致",
            "Two reps quoted different prices for the same item",
            "统一按合同价执行并退差价",
            "Contract price applied, difference refunded",
        ),
        (
            Category::Service,
            "安装调试拖了一周，售后电话无人接听",
            "Installation took a week and nobody answered the service line",
            "安排工程师上门并留专线",
            "Engineer sent on site; direct line given",
        ),
        (
            Category::Attitude,
            "客服回复敷衍，没有给出处理时间",
            "The service desk gave no date for a fix",
            "主管致电道歉，明确处理时限",
            "The supervisor called to apologise and set a date",
        ),
        (
            Category::Other,
            "发票抬头开错，需重开",
            "The invoice was made out to the wrong company",
            "已重开发票并快递",
            "Invoice reissued and sent",
        ),
    ];
    let (category, zh, en, fix_zh, fix_en) = *rng.pick(&CASES);
    let severity = *rng.pick(&[
        Severity::Low,
        Severity::Medium,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ]);
    let age_days = rng.range(0, 120);
    // In office hours, 08:00–18:00 Beijing time (00:00–10:00 UTC), on the day it came in: a
    // minute spread over the ten hours by the customer and the day, drawing nothing from the
    // generator so every other value stays as it was.
    let today = epoch_day(cfg.today) as i64;
    let minute = (index as i64 * 37 + age_days * 53) % 600;
    // Today's came in at least three hours ago, so the steps taken since are in the past too.
    let received = Timestamp(
        ((today - age_days) * 86_400_000 + minute * 60_000)
            .min(cfg.id_epoch_ms as i64 - 3 * 3_600_000),
    );
    let hour = |h: i64| Timestamp(received.0 + h * 3_600_000);
    // Drawn in the order the generator has always used: id bytes, then the channel.
    let id = Id::from_parts(received.0.max(0) as u64, rng.id_bytes());
    let mut c = Complaint {
        channel: *rng.pick(&[
            Channel::Call,
            Channel::Email,
            Channel::WeChat,
            Channel::Visit,
        ]),
        category,
        severity,
        description: if foreign { en } else { zh }.to_string(),
        owner_id: customer.owner_id,
        due: hour(severity.deadline_hours()),
        ..Complaint::new(id, customer.id, received)
    };
    let fix = if foreign { fix_en } else { fix_zh };
    // Every step below is allowed in the order taken, so the results are ignored safely.
    if age_days <= 3 {
        if rng.chance(0.5) {
            let _ = c.follow_up(
                hour(2),
                if foreign {
                    "Called back and apologised"
                } else {
                    "已回电致歉，正在核实"
                },
            );
        }
    } else if rng.chance(0.12) {
        let _ = c.acknowledge(hour(4));
        if rng.chance(0.5) {
            let _ = c.escalate(
                hour(6),
                if foreign {
                    "Refund above my limit"
                } else {
                    "退款金额超出本人权限"
                },
            );
        }
    } else {
        let first = rng.chance(0.35);
        let took = if first {
            rng.range(1, 6)
        } else {
            rng.range(8, 2 * severity.deadline_hours())
        }
        // Resolved, and closed a day later, before today.
        .min(age_days * 24 - 30);
        if !first {
            let _ = c.follow_up(
                hour(3),
                if foreign {
                    "Investigating with the warehouse"
                } else {
                    "已联系仓库核实"
                },
            );
            if rng.chance(0.4) {
                let _ = c.offer(
                    hour(5),
                    if foreign {
                        "Free shipping on the next order"
                    } else {
                        "下单免运费"
                    },
                    "200",
                );
                let _ = c.answer_offer(hour(7), rng.chance(0.8));
            }
        }
        let _ = c.resolve(hour(took), fix, first);
        if age_days > 10 || rng.chance(0.5) {
            let _ = c.close(hour(took + 24), rng.chance(0.85));
        }
    }
    vec![c]
}
