//! Surveys, responses and the satisfaction figures.

/// Adds this feature's messages to the ones gathered so far and hands them on to the next
/// feature's macro (the last one, `define_texts!`, declares [`Texts`](super::Texts)).
macro_rules! satisfaction_texts {
    ($next:ident $(, $rest:ident)* ; $($gathered:tt)*) => {
        $next! { $($rest),* ; $($gathered)*
    strings {
        nav_satisfaction = "Satisfaction", "客户满意";
        cmd_go_satisfaction = "Go to satisfaction", "前往客户满意度";
        satisfaction_title = "Customer satisfaction", "客户满意度";
        satisfaction_intro = "Surveys and what the answers say: the satisfaction index, NPS, where perception falls short of expectation, how it moves over time and how we compare with competitors.", "问卷调查及其结果：满意度指数、净推荐值、感知低于期望的地方、随时间的变化，以及与竞争对手的比较。";
        survey_new = "New survey", "新建调查";
        survey_template = "Start from", "模板";
        survey_create = "Create survey", "创建调查";
        survey_created = "Survey created", "调查已创建";
        survey_saved = "Survey saved", "调查已保存";
        survey_label = "Survey", "调查问卷";
        survey_name = "Survey name", "调查名称";
        survey_kind = "Type", "类型";
        survey_scale = "Rating scale", "评分量表";
        survey_edit = "Edit questions", "编辑题目";
        survey_delete = "Delete survey", "删除调查";
        survey_locked = "Type and scale are fixed once the survey has responses.", "调查有答卷后，类型和量表不能再修改。";
        group_label = "Customers", "客户范围";
        period_label = "Trend by", "趋势周期";
        period_month = "Month", "月";
        period_quarter = "Quarter", "季度";
        csi_label = "Satisfaction index", "满意度指数";
        nps_label = "Net Promoter Score", "净推荐值（NPS）";
        responses_label = "Responses", "答卷数";
        trend_title = "Trend", "趋势";
        factors_title = "Satisfaction factors", "满意度因素";
        items_title = "Question by question", "各题得分";
        col_factor = "Factor", "因素";
        col_importance_weight = "Importance", "重要性";
        col_performance = "Performance", "表现";
        col_gap = "Gap (perception − expectation)", "差距（感知 − 期望）";
        col_expectation = "Expectation", "期望";
        col_perception = "Perception", "感知";
        col_question = "Question", "题目";
        col_answers = "Answers", "答题数";
        col_period = "Period", "周期";
        col_ours = "Us", "本公司";
        col_theirs = "Them", "对手";
        col_difference = "Difference", "差距";
        col_line = "Line", "行";
        col_column = "Column", "列";
        col_cell_value = "Value", "值";
        col_survey = "Survey", "调查";
        ipa_title = "Importance and performance", "重要性–表现分析";
        ipa_note = "Each factor placed by its importance (the weights of its questions) and its performance (0–100). The lines are the averages: important factors below the line are the ones to fix first.", "每个因素按重要性（其题目的权重）和表现（0–100）定位。两条线为平均值：重要性高而表现低于平均的因素应优先改进。";
        versus_title = "Against competitors", "与竞争对手比较";
        versus_note = "Each cell: our mean rating minus the competitor's (our mean : theirs), from the same responses — customers who rated a competitor rated us on the same questions.", "每格为本公司平均分减去竞争对手平均分（本公司 : 对手），来自同一批答卷：为竞争对手评分的客户同时在相同题目上为本公司评分。";
        show_table = "Show as a table", "以表格显示";
        col_priority = "Priority", "优先级";
        no_versus = "No response rates a competitor yet.", "还没有答卷为竞争对手评分。";
        no_surveys = "No survey yet", "还没有调查";
        no_surveys_body = "Start from a template: CSAT (1–5), NPS (0–10), or expectation and perception over the five satisfaction factors. You can change the questions afterwards.", "从模板开始：CSAT（1–5 分）、NPS（0–10 分），或覆盖五个满意度因素的期望与感知问卷。创建后可以修改题目。";
        no_responses = "No responses in this view yet. Record them on a customer's page or import a CSV file.", "此范围内还没有答卷。可在客户页面录入，或导入 CSV 文件。";
        questions_title = "Questions", "题目";
        question_text = "Question", "题目";
        add_question = "Add question", "添加题目";
        recommend_question = "How likely are you to recommend us to a friend or colleague? (0–10)", "您向朋友或同事推荐我们的可能性有多大？（0–10）";
        ask_recommend = "Ask the recommend question (NPS)", "询问推荐意愿（NPS）";
        satisfaction_rule = "Index: the importance-weighted mean of the perception ratings, each put on 0–100 (lowest rating 0, highest 100). NPS: % promoters (9–10) − % detractors (0–6). Intervals: 95%, mean ± t × s / √n. Fewer than 10 responses are too few to conclude.", "指数：各题感知评分换算到 0–100（最低分为 0，最高分为 100）后按重要性加权平均。NPS：推荐者（9–10 分）比例 − 贬损者（0–6 分）比例。区间：95% 置信区间，均值 ± t × s / √n。答卷少于 10 份不足以下结论。";
        import_title = "Import responses", "导入答卷";
        import_hint = "A CSV file (UTF-8) with one response per row. Download the template for this survey: customers are matched by name or id, and columns P1, P2… hold the ratings (E for expectation, C for a competitor).", "CSV 文件（UTF-8），每行一份答卷。请下载本调查的模板：按客户名称或编号匹配客户，P1、P2… 列为评分（E 为期望，C 为竞争对手评分）。";
        download_template = "Download template", "下载模板";
        choose_file = "Choose CSV file", "选择 CSV 文件";
        import_errors_title = "Rows not imported", "未导入的行";
        download_errors = "Download error report", "下载错误报告";
        import_nothing = "No row can be imported.", "没有可以导入的行。";
        import_unreadable = "This row could not be read.", "无法读取这一行。";
        satisfaction_panel = "Satisfaction", "满意度";
        record_response = "Record response", "录入答卷";
        response_saved = "Response saved", "答卷已保存";
        response_deleted = "Response deleted", "答卷已删除";
        response_delete_confirm = "Delete this response? Only do this for one entered by mistake.", "删除这份答卷？仅用于误录入的答卷。";
        no_customer_responses = "No survey answered yet.", "还没有回答过调查。";
        latest_index = "Latest satisfaction index", "最近一次满意度指数";
        competitor_optional = "Competitor rated in the “Them” column (optional)", "“对手”列所评的竞争对手（选填）";
        no_answer = "—", "未答";
    }
    formats {
        too_few(n: usize) = format!("Only {n} responses: too few to conclude (10 or more needed)."), format!("仅 {n} 份答卷，不足以下结论（至少需要 10 份）。");
        interval(hw: f64) = format!("95% interval ±{hw:.1}"), format!("95% 置信区间 ±{hw:.1}");
        nps_breakdown(p: usize, pa: usize, d: usize) = format!("Promoters {p} · Passives {pa} · Detractors {d}"), format!("推荐者 {p} · 被动者 {pa} · 贬损者 {d}");
        n_responses(n: usize) = if n == 1 { "1 response".to_string() } else { format!("{} responses", format_count(n as u64)) }, format!("{} 份答卷", format_count(n as u64));
        survey_delete_confirm(n: usize) = format!("Delete this survey and its {n} responses?"), format!("删除这份调查及其 {n} 份答卷？");
        survey_deleted(n: usize) = format!("Survey deleted with {n} responses"), format!("调查已删除（含 {n} 份答卷）");
        import_ready(ok: usize, bad: usize) = format!("{} rows ready to import, {} rows with errors.", format_count(ok as u64), format_count(bad as u64)), format!("{} 行可以导入，{} 行有错误。", format_count(ok as u64), format_count(bad as u64));
        import_do(n: usize) = format!("Import {} responses", format_count(n as u64)), format!("导入 {} 份答卷", format_count(n as u64));
        imported(n: usize) = format!("Imported {} responses", format_count(n as u64)), format!("已导入 {} 份答卷", format_count(n as u64));
        ignored_columns(list: String) = format!("Ignored columns: {list}"), format!("已忽略的列：{list}");
        unknown_customer(name: &str) = format!("No customer is called “{name}”."), format!("没有名为“{name}”的客户。");
        ambiguous_customer(name: &str, n: usize) = format!("{n} customers are called “{name}”: use the customer id instead."), format!("有 {n} 位客户名为“{name}”，请改用客户编号。");
        cell_count(found: usize, expected: usize) = format!("Has {found} cells; the header has {expected}."), format!("有 {found} 个单元格，表头有 {expected} 个。");
        more_errors(n: usize) = format!("…and {} more in the error report.", format_count(n as u64)), format!("……另有 {} 条，见错误报告。", format_count(n as u64));
    }
        }
    };
}
pub(super) use satisfaction_texts;
