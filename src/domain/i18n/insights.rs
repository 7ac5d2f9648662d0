//! The overview and the segment explorer: classes, models, movements, exports of segments.

super::feature_texts! { $ insights_texts;
    strings {
        nav_overview = "Overview", "概览";
        nav_segments = "Segments", "客户分群";
        overview_title = "Overview", "客户概览";
        sec_importance = "Importance", "重要程度";
        sec_quadrant = "Value matrix", "客户价值矩阵";
        sec_loyalty = "Loyalty stages", "忠诚阶段";
        sec_lifecycle = "Relationship lifecycle", "关系生命周期";
        sec_rfm = "RFM segments", "RFM 分群";
        sec_call_list = "Valuable customers at risk: call them", "高价值风险客户：请尽快联系";
        call_list_intro = "Top fifth by lifetime value whose chance of still being active is below 50 % or fell by 15 points or more this period.", "终身价值前 20%，且仍活跃概率低于 50% 或本期下降 15 个百分点以上的客户。";
        call_list_empty = "No valuable customer is at risk right now.", "目前没有处于风险中的高价值客户。";
        sec_model = "Prediction models", "预测模型";
        model_bgnbd_name = "Purchases (BG/NBD)", "购买次数（BG/NBD）";
        model_gg_name = "Spend per purchase (Gamma-Gamma)", "每次消费金额（Gamma-Gamma）";
        col_parameter = "Parameter", "参数";
        col_estimate = "Estimate", "估计值";
        col_std_error = "Standard error", "标准误";
        model_trust_link = "How far to trust them: validate the models on your data", "模型可信吗？用你的数据验证";
        model_spend_shared = "Spend predictions weigh each customer's average purchase against the whole base's, trusting the customer's own average more the more often they bought.", "消费预测把每位客户的平均消费与全体客户的平均相结合：购买次数越多，越以客户自身的平均为准。";
        model_spend_own = "Spend predictions use each customer's own average purchase: the spend model does not fit this data (spend varies too much between customers for a shared average).", "消费预测使用每位客户自身的平均消费：消费金额模型不适合这些数据（客户之间的消费差异过大，无法使用共同的平均）。";
        model_parameters = "Model parameters and standard errors (for analysts)", "模型参数与标准误（供分析人员查看）";
        model_none = "Not enough repeat purchases yet to fit the purchase model.", "重复购买数据还不够，暂时无法拟合购买模型。";
        model_se_missing = "A standard error shows as — where the likelihood is flat along that parameter at the fit: the estimate sits at the edge of the model (for example, spend per purchase that hardly varies between customers sends q towards infinity), so its uncertainty cannot be stated.", "标准误显示为“—”，表示在拟合处似然函数沿该参数几乎是平的：估计值处于模型的边界（例如客户之间每次消费几乎没有差异时，q 会趋于无穷大），因此无法给出其不确定性。";
        model_spend_unused = "The spend model's q is 2 or less (spend varies too much between customers for a shared mean), so each customer's own average spend is used.", "消费金额模型的 q ≤ 2（客户间消费差异过大，群体均值不可靠），因此使用每位客户自身的平均消费。";
        col_customers = "Customers", "客户数";
        col_value = "Value in period", "本期价值";
        col_share = "Share", "占比";
        col_clv = "Lifetime value", "终身价值";
        col_p_alive = "Active", "活跃概率";
        col_segment = "RFM segment", "RFM 分群";
        col_importance = "Importance", "重要程度";
        col_loyalty = "Loyalty", "忠诚阶段";
        col_lifecycle = "Lifecycle", "生命周期";
        col_quadrant = "Quadrant", "价值象限";
        no_movements = "No customer changed class this period.", "本期没有客户改变分类。";
        analysis_empty_title = "Nothing to analyse yet", "还没有可分析的数据";
        analysis_empty_body = "Classes are computed from purchases. Record purchases or load the sample data.", "客户分类根据交易记录计算。请记录交易或载入示例数据。";
        analysing = "Analysing…", "正在分析…";
        segments_title = "Segments", "客户分群";
        segments_intro = "Combine conditions on attributes and computed classes; the count and list follow every change.", "组合客户属性和计算出的分类条件；数量和名单随每次修改即时更新。";
        segments_saved = "Saved segments", "已保存的分群";
        segments_none_saved = "No saved segments yet.", "还没有保存的分群。";
        segment_new = "New segment", "新建分群";
        segment_name = "Segment name", "分群名称";
        segment_save = "Save segment", "保存分群";
        segment_saved = "Segment saved", "分群已保存";
        segment_deleted = "Segment deleted", "分群已删除";
        add_condition = "Add condition…", "添加条件…";
        no_conditions = "No conditions yet: every customer matches. Add one below.", "尚无条件：全部客户都符合。请在下方添加条件。";
        condition_min = "From", "从";
        condition_max = "To", "到";
        condition_text = "Text", "文字";
        export_csv = "Export CSV", "导出 CSV";
        export_marketing = "Marketing export", "营销导出";
        export_marketing_hint = "Leaves out customers who asked not to be contacted or have an open complaint.", "不包含要求勿扰或投诉未结的客户。";
        chart_quadrant = "Value matrix: current value × value ahead", "价值矩阵：当前价值 × 未来价值";
        chart_quadrant_note = "Each dot is a customer (log scales). Dots above the diagonal are predicted to grow.", "每个点代表一位客户（对数坐标）。对角线以上的客户预计增长。";
        chart_rfm = "RFM grid: recency × frequency", "RFM 网格：最近购买 × 购买频率";
        chart_rfm_note = "Customers and revenue in each cell; the cell's segment is named inside.", "每格显示客户数和累计金额，并标出该格所属分群。";
        chart_movements = "Moved between classes this period", "本期分类变化";
        axis_current = "Current value (¥)", "当前价值（¥）";
        axis_ahead = "Value ahead (¥)", "未来价值（¥）";
        axis_recency = "Recency score R", "最近购买得分 R";
        axis_frequency = "Frequency score F", "购买频率得分 F";
        classes_title = "Classes", "客户分类";
        classes_intro = "Computed from this customer's purchases and the whole customer base.", "根据该客户的交易及全部客户数据计算。";
        prediction_title = "Prediction", "购买预测";
        history_title = "Class history", "分类变化历史";
        history_now = "Now", "当前";
        history_none = "No purchases before these dates.", "这些日期之前没有交易。";
        p_alive = "Probability still active", "仍活跃的概率";
        expected_spend = "Spend per purchase", "每次消费";
        clv_label = "Lifetime value", "终身价值";
        no_prediction = "No purchase yet, so no prediction.", "尚无交易，无法预测。";
        no_model = "No prediction yet: the purchase model needs more customers with purchases to be fitted.", "暂无预测：购买模型需要更多有交易的客户才能拟合。";
        rfm_label = "RFM", "RFM";
        not_classified = "Not classified (no purchase)", "未分类（无交易）";
        definitions = "Definitions", "定义";
        analysis_title = "Analysis", "分析设置";
        analysis_intro = "How classes and predictions are computed. Changes apply at once.", "分类和预测的计算方式。修改后立即生效。";
        basis = "Value means", "价值口径";
        calibration = "Analyse as of", "分析截止日期";
        calibration_hint = "Empty: today. Purchases after this date are left out.", "留空为今天。此日期之后的交易不计入。";
        period_days = "Period for importance and current value (days)", "重要程度与当前价值的统计周期（天）";
        vip_share = "VIP: top share of value (%)", "贵宾型：价值累计占比前（%）";
        important_share = "Important: up to share of value (%)", "重要型：价值累计占比至（%）";
        horizon_weeks = "Prediction horizon (weeks)", "预测期（周）";
        annual_discount = "Yearly discount rate (%)", "年折现率（%）";
        new_days = "New for (days after first purchase)", "新客户期（首购后天数）";
        regular_min_days = "Regular from (purchase days)", "常客户起点（购买日数）";
        old_days = "Old after (days of relationship)", "老客户起点（关系天数）";
        loyal_days = "Loyal with (purchase days in the last year)", "忠诚客户（近一年购买日数）";
        window_days = "Lifecycle window (days)", "生命周期窗口（天）";
        exploration_max = "Exploring while purchase days ≤", "考察期：购买日数 ≤";
        rise_ratio = "Formation when rising above ×", "形成期：增长超过 ×";
        fall_ratio = "Decline when falling below ×", "退化期：下降低于 ×";
        high_value_quantile = "High value from percentile (%)", "高价值起点（百分位，%）";
        growth_threshold = "High potential from growth of (%)", "高潜力起点（增长率，%）";
        rates_title = "Exchange rates (yuan per unit)", "汇率（每单位折合人民币）";
        reset_defaults = "Reset to defaults", "恢复默认";
        analysis_invalid = "Not a valid number; the previous value is kept.", "不是有效数字，保留原值。";

    }
    formats {
        overview_sub(date: String, n: usize, ms: u64) = format!("As of {date} · {} customers analysed in {ms} ms", format_count(n as u64)), format!("截至 {date} · 分析 {} 位客户，用时 {ms} 毫秒", format_count(n as u64));
        movements_since(date: String) = format!("Movements since {date}"), format!("自 {date} 以来的分类变化");
        n_moved(n: usize) = format!("{n} customers"), format!("{n} 位");
        segment_matches(n: usize, total: usize) = format!("{} of {} customers match", format_count(n as u64), format_count(total as u64)), format!("{} 位客户符合（共 {} 位）", format_count(n as u64), format_count(total as u64));
        exported(n: usize) = format!("Exported {} customers", format_count(n as u64)), format!("已导出 {} 位客户", format_count(n as u64));
        exported_marketing(n: usize, dnc: usize, complaints: usize) = {
            let mut m = format!("Exported {} customers", format_count(n as u64));
            if dnc > 0 { m += &format!("; left out {} who asked not to be contacted", format_count(dnc as u64)); }
            if complaints > 0 { m += &format!("; left out {} with an open complaint", format_count(complaints as u64)); }
            m
        }, {
            let mut m = format!("已导出 {} 位客户", format_count(n as u64));
            if dnc > 0 { m += &format!("；{} 位要求勿扰的客户未导出", format_count(dnc as u64)); }
            if complaints > 0 { m += &format!("；{} 位投诉未结的客户未导出", format_count(complaints as u64)); }
            m
        };
        expected_purchases(weeks: u32) = format!("Purchases expected in {weeks} weeks"), format!("未来 {weeks} 周预计购买次数");
        model_purchase_plain(n: usize) = format!("Purchase predictions (is a customer still active, how often will they buy) come from a model fitted on the purchase histories of {} customers.", format_count(n as u64)), format!("购买预测（客户是否仍活跃、今后会购买几次）来自用 {} 位客户的购买记录拟合的模型。", format_count(n as u64));
        model_fit(n: usize, ll: String) = format!("Fitted on {} customers by maximum likelihood; log-likelihood {ll}.", format_count(n as u64)), format!("以 {} 位客户做最大似然拟合；对数似然 {ll}。", format_count(n as u64));
    }
}
