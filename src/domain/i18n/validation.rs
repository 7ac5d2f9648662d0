//! The model-validation page.

super::feature_texts! { $ validation_texts;
    strings {
        nav_validation = "Model check", "模型验证";
        cmd_go_validation = "Go to model validation", "前往模型验证";
        val_title = "Model validation", "模型验证";
        val_intro = "The purchase model (BG/NBD) and the spend model (Gamma-Gamma) behind the classes are fitted here on the purchases up to the calibration end only, then compared with what your customers actually bought after it. If they track the holdout weeks closely, trust the predictions; if not, the verdict says what to check.", "这里只用校准期截止日之前的购买记录拟合购买模型（BG/NBD）和消费金额模型（Gamma-Gamma），再与客户在此之后的实际购买对比。预测与检验期吻合，就可以信任这些预测；不吻合时，结论会说明该检查什么。";
        val_calibration_end = "Calibration ends", "校准期截止";
        val_computing = "Fitting the models and comparing…", "正在拟合模型并对比…";
        val_no_history = "There are no purchases to validate the models on yet. Import a purchase history or record purchases first.", "还没有可用于验证模型的购买记录。请先导入购买历史或录入购买记录。";
        val_no_cohort = "No customer had bought by this date: choose a later calibration end.", "截至该日期还没有客户购买：请选择更晚的校准期截止日。";
        val_verdict_title = "Verdict", "结论";
        val_tracking_title = "Cumulative repeat purchases, actual and expected", "累计重复购买：实际与预期";
        val_by_x_title = "Holdout purchases per customer, by calibration repeat purchases", "按校准期重复购买次数分组：检验期人均购买";
        val_spend_title = "Average spend per purchase, expected and actual", "每次平均消费：预期与实际";
        val_table_title = "Per-customer inputs and outcomes", "每位客户的输入与结果";
        val_export = "Export the table (CSV)", "导出表格（CSV）";
        val_actual = "Actual", "实际";
        val_expected = "Expected", "预期";
        val_calibration = "Calibration", "校准期";
        val_holdout = "Holdout", "检验期";
        val_col_group = "Calibration repeat purchases", "校准期重复购买";
        val_col_customers = "Customers", "客户数";
        val_col_x = "Repeat purchases x", "重复购买 x";
        val_col_tx = "Recency tₓ (weeks)", "最近购买 tₓ（周）";
        val_col_t = "Age T (weeks)", "客户年龄 T（周）";
        val_col_mean_spend = "Mean repeat spend (¥)", "平均重复消费（¥）";
        val_col_actual = "Holdout purchases", "检验期购买";
        val_col_predicted = "Expected purchases", "预期购买";
        val_col_holdout_spend = "Holdout spend per purchase (¥)", "检验期每次消费（¥）";
        val_col_predicted_spend = "Expected spend per purchase (¥)", "预期每次消费（¥）";
        val_little = "Too few purchases in the holdout to judge the purchase model (fewer than 20, or the model could not be fitted): choose an earlier calibration end, or wait for more history.", "检验期内的购买太少（不足 20 次，或模型无法拟合），无法评判购买模型：请选择更早的校准期截止日，或等待更多历史数据。";
        val_spend_little = "Too few customers bought in both periods (fewer than 20) to judge the spend model.", "两个期间都有购买的客户太少（不足 20 位），无法评判消费金额模型。";
        val_previous = "Previous", "上一页";
        val_next = "Next", "下一页";
    }
    formats {
        val_span(from: String, to: String, weeks: String) = format!("Calibration: purchases up to {from}. Holdout: up to {to}, {weeks} weeks (to the last recorded purchase).", from = from, to = to, weeks = weeks), format!("校准期：{from} 及之前的购买。检验期：至 {to}，共 {weeks} 周（截至最后一笔购买记录）。", from = from, to = to, weeks = weeks);
        val_totals(actual: String, expected: String, mae: String) = format!("Holdout repeat purchases: {actual} actual, {expected} expected. Mean absolute error per customer: {mae} purchases."), format!("检验期重复购买：实际 {actual} 次，预期 {expected} 次。每位客户的平均绝对误差：{mae} 次。");
        val_tracks(pct: String) = format!("The model tracks your customers' buying within {pct}: trust the probability-active classes and the purchase predictions."), format!("模型对客户购买的预测误差在 {pct} 以内：可以信任“仍活跃概率”分类和购买预测。");
        val_over(pct: String) = format!("The model over-predicts by {pct}: it expects more repeat purchases than your customers made. What to check: that the holdout is complete (every recent purchase imported), a campaign or season that lifted the calibration period, and customers lost for a known reason (a channel closed, a price rise). Until then, read the probability-active classes as optimistic."), format!("模型高估了 {pct}：预期的重复购买多于实际。请检查：检验期数据是否完整（最近的购买都已导入）、校准期是否有促销或旺季拉高了购买、是否有客户因已知原因流失（渠道关闭、涨价）。在此之前，“仍活跃概率”分类应视为偏乐观。");
        val_under(pct: String) = format!("The model under-predicts by {pct}: your customers bought more than it expected. What to check: a campaign, season or new product in the holdout, and a calibration period too short to show how often customers come back. Until then, read the probability-active classes as cautious."), format!("模型低估了 {pct}：客户的实际购买多于预期。请检查：检验期是否有促销、旺季或新产品，以及校准期是否太短、不足以反映回购频率。在此之前，“仍活跃概率”分类应视为偏保守。");
        val_spend_tracks(pct: String, expected: String, actual: String) = format!("The spend model expected {expected} per purchase from the customers who bought in both periods; they spent {actual} (within {pct}): trust the expected spend and lifetime values."), format!("消费金额模型预期两个期间都有购买的客户每次消费 {expected}，实际为 {actual}（误差在 {pct} 以内）：可以信任预期消费和客户终身价值。");
        val_spend_off(pct: String, expected: String, actual: String) = format!("The spend model expected {expected} per purchase; customers spent {actual} ({pct} off). Check for price changes or a shift in what customers buy; lifetime values carry this error."), format!("消费金额模型预期每次消费 {expected}，实际为 {actual}（相差 {pct}）。请检查价格变动或客户购买结构的变化；客户终身价值会带有同样的误差。");
        val_rows(from: usize, to: usize, total: usize) = format!("Rows {}–{} of {}", format_count(from as u64), format_count(to as u64), format_count(total as u64)), format!("第 {}–{} 行，共 {} 行", format_count(from as u64), format_count(to as u64), format_count(total as u64));
        val_group_label(x: usize) = if x >= 7 { "7+".to_string() } else { x.to_string() }, if x >= 7 { "7 次及以上".to_string() } else { format!("{x} 次") };
    }
}
