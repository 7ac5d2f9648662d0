//! The CSV import wizard and its journal.

super::feature_texts! { $ import_texts;
    strings {
        cmd_go_import = "Import a CSV file", "导入 CSV 文件";
        import_button = "Import CSV", "导入 CSV";
        csv_import_title = "Import", "导入数据";
        import_intro = "Bring in customers, contact persons, interactions, purchases, leads or the price list from a CSV file saved by Excel, WPS or another CRM, or business cards from a vCard file as leads. Nothing is stored until you confirm, and every import can be undone with one click.", "从 Excel、WPS 或其他 CRM 导出的 CSV 文件导入客户、联系人、接触记录、购买记录、线索或产品价目表，或把 vCard 名片文件导入为线索。确认之前不会保存任何内容，每次导入都可以一键撤销。";
        import_drop = "Drop a CSV or vCard file here", "将 CSV 或 vCard 文件拖到这里";
        import_choose = "Choose a file", "选择文件";
        import_drop_hint = "UTF-8, GBK / GB18030 or UTF-16; separated by commas, semicolons or tabs; up to 200,000 rows. A .vcf file of business cards is read card by card.", "支持 UTF-8、GBK / GB18030 和 UTF-16 编码；逗号、分号或制表符分隔；最多 200,000 行。.vcf 名片文件按张读取。";
        import_col_matches = "May be", "可能是";
        import_matched_title = "Rows that may already be known", "可能已存在的行";
        import_matched_hint = "Imported as leads of their own and flagged on the lead's page; nothing is merged.", "仍作为新线索导入，并在线索页面上标出；不会自动合并。";
        import_open_leads = "Open the leads", "查看线索";
        import_open_products = "Open the price list", "查看价目表";
        import_reading = "Reading the file…", "正在读取文件…";
        import_kind = "The file holds", "文件内容";
        import_mapping = "Columns", "列对应";
        import_col_file = "Column in the file", "文件中的列";
        import_col_sample = "First values", "示例值";
        import_col_field = "Imported as", "导入为";
        import_ignore = "— Not imported —", "— 不导入 —";
        import_duplicates = "Rows that match a stored record", "与已有记录重复的行";
        import_duplicates_hint = "Customers match by customer number, e-mail, phone, or name and company; contact persons by name, phone or e-mail at the same customer; interactions by customer, time and summary. Purchases match by order number and product when the file has an order-number column, otherwise only a stored purchase the same in every field (date, amount, quantity, product, margin, notes); rows of one file are never duplicates of each other unless they share an order number. Products match by product code, whatever its case.", "客户按客户编号、邮箱、电话或“名称 + 公司”匹配；联系人按同一客户下的姓名、电话或邮箱匹配；接触记录按客户、时间和内容匹配。购买记录：文件有订单号列时按订单号和产品匹配，否则只与各项（日期、金额、数量、产品、毛利、备注）完全相同的已有记录匹配；同一文件中的行不会互相视为重复，除非订单号相同。产品按产品编码匹配（不区分大小写）。";
        import_skipped_title = "Rows that will be skipped", "将跳过的行";
        import_skipped_report = "Download the skipped rows", "下载跳过的行";
        import_col_repeats = "Repeats the stored record", "重复的已有记录";
        import_preview = "Preview: the first rows as they will be stored", "预览：前几行将按如下内容保存";
        import_col_result = "Result", "结果";
        import_col_details = "Details", "内容";
        csv_errors_title = "Rows with errors (not imported)", "有错误的行（不会导入）";
        import_error_report = "Download the error report", "下载错误报告";
        import_checking = "Checking rows…", "正在检查…";
        import_writing = "Importing…", "正在导入…";
        import_cancelled = "Import cancelled: nothing was stored.", "导入已取消：没有保存任何内容。";
        import_failed = "The import failed and nothing was stored:", "导入失败，没有保存任何内容：";
        import_done_title = "Import finished", "导入完成";
        import_undo = "Undo this import", "撤销本次导入";
        import_undo_confirm = "Undo this import? The records it created are deleted (with anything added to those customers since); the records it changed are put back, unless someone edited them since.", "撤销本次导入？它新建的记录将被删除（包括之后添加到这些客户下的内容）；它修改过的记录将恢复原样，之后又被编辑过的除外。";
        import_another = "Import another file", "导入其他文件";
        import_history = "Earlier imports", "导入记录";
        import_history_empty = "No imports yet.", "还没有导入记录。";
        import_undone = "Undone", "已撤销";
        csv_nothing = "Nothing to import: every row is a duplicate or has an error.", "没有可导入的内容：所有行都是重复的或有错误。";
        col_when = "When", "时间";
        col_file = "File", "文件";
        col_outcome = "Outcome", "结果";
        col_records = "Records", "记录数";
        external_id = "Customer number (other system)", "客户编号（外部系统）";
    }
    formats {
        import_file_info(name: &str, encoding: &str, rows: usize) = format!("{name} · {encoding} · {} rows", format_count(rows as u64)), format!("{name} · {encoding} · {} 行", format_count(rows as u64));
        import_missing(list: String) = format!("Choose a column for: {list}."), format!("请为以下字段选择列：{list}。");
        import_repeated(list: String) = format!("Only one column can be imported as: {list}."), format!("以下字段只能对应一列：{list}。");
        import_will(created: usize, updated: usize, skipped: usize, failed: usize) = format!("{} new, {} updated, {} skipped as duplicates, {} with errors (not imported).", format_count(created as u64), format_count(updated as u64), format_count(skipped as u64), if failed == 1 { "1 row".to_string() } else { format!("{} rows", format_count(failed as u64)) }), format!("新建 {} 条，更新 {} 条，跳过重复 {} 条，{} 行有错误（不导入）。", format_count(created as u64), format_count(updated as u64), format_count(skipped as u64), format_count(failed as u64));
        import_counts(created: usize, updated: usize, skipped: usize, failed: usize) = format!("{} new · {} updated · {} skipped · {} errors", format_count(created as u64), format_count(updated as u64), format_count(skipped as u64), format_count(failed as u64)), format!("新建 {} · 更新 {} · 跳过 {} · 错误 {}", format_count(created as u64), format_count(updated as u64), format_count(skipped as u64), format_count(failed as u64));
        import_skipped_more(n: usize) = format!("{} more in the download.", format_count(n as u64)), format!("其余 {} 行见下载文件。", format_count(n as u64));
        import_go(n: usize) = if n == 1 { "Import 1 record".to_string() } else { format!("Import {} records", format_count(n as u64)) }, format!("导入 {} 条记录", format_count(n as u64));
        import_progress(done: usize, total: usize) = format!("{} of {} records written", format_count(done as u64), format_count(total as u64)), format!("已写入 {} / {} 条记录", format_count(done as u64), format_count(total as u64));
        import_check_progress(done: usize, total: usize) = format!("{} of {} rows checked", format_count(done as u64), format_count(total as u64)), format!("已检查 {} / {} 行", format_count(done as u64), format_count(total as u64));
        import_undone_report(removed: usize, restored: usize, kept: usize) = {
            let mut m = format!("Import undone: {} records deleted, {} put back", format_count(removed as u64), format_count(restored as u64));
            if kept > 0 { m += &format!("; {} edited since were left as they are", format_count(kept as u64)); }
            m
        }, {
            let mut m = format!("已撤销导入：删除 {} 条记录，恢复 {} 条", format_count(removed as u64), format_count(restored as u64));
            if kept > 0 { m += &format!("；{} 条之后又被编辑过，保持不变", format_count(kept as u64)); }
            m
        };
        import_row_line(line: usize) = format!("Line {line}"), format!("第 {line} 行");
    }
}
