//! Settings: preferences, team, storage, sample data, backup and restore.

super::feature_texts! { $ settings_texts;
    strings {
        settings_title = "Settings", "设置";
        set_language = "Language", "语言";
        set_theme = "Theme", "主题";
        theme_system = "Follow system", "跟随系统";
        theme_light = "Light", "浅色";
        theme_dark = "Dark", "深色";
        set_density = "List density", "列表密度";
        density_comfortable = "Comfortable", "舒适";
        density_compact = "Compact", "紧凑";
        set_me = "I am", "我是";
        set_me_hint = "Used as the default owner and as who logged an interaction.", "用作新客户的默认负责人和接触记录的我方人员。";
        set_me_none = "Not chosen", "未选择";
        team_title = "Team members", "团队成员";
        team_intro = "People who own customers and log interactions.", "负责客户、记录接触的人员。";
        team_empty = "No team members yet. Add yourself first.", "还没有团队成员。先添加你自己。";
        member_name = "Name", "姓名";
        member_role = "Role", "角色";
        add_member = "Add member", "添加成员";
        storage_title = "Storage on this device", "本机存储";
        storage_intro = "Your data lives only in this browser. Back it up before clearing browser data.", "数据只保存在当前浏览器中。清除浏览器数据前请先备份。";
        storage_persistent = "Protected from automatic clean-up", "已防止被浏览器自动清理";
        storage_not_persistent = "The browser may clear this data when space runs low", "空间不足时浏览器可能清除这些数据";
        storage_unknown = "This browser does not report whether data is protected", "该浏览器不提供存储保护状态";
        storage_request = "Ask for protection", "申请保护";
        sample_title = "Sample data", "示例数据";
        sample_intro = "Adds realistic bilingual customers with contacts, interactions and several years of purchases. Your own records are kept.", "添加逼真的中英文示例客户，含联系人、接触记录和多年交易。已有数据不受影响。";
        sample_load = "Load sample data", "载入示例数据";
        sample_loading = "Loading sample data…", "正在载入示例数据…";
        danger_title = "Delete all data", "删除全部数据";
        danger_intro = "Removes every customer, contact, interaction, purchase and team member from this browser. This cannot be undone.", "从本浏览器删除所有客户、联系人、接触记录、交易和团队成员，且无法撤销。";
        danger_button = "Delete all data…", "删除全部数据…";
        danger_confirm_label = "Type DELETE to confirm", "输入“删除”以确认";
        danger_confirm_word = "DELETE", "删除";
        all_deleted = "All data deleted", "已删除全部数据";
        about_title = "About", "关于";

        backup_title = "Backup and restore", "备份与恢复";
        backup_intro = "Your data lives only in this browser, and browsers can clear it. Keep a backup file somewhere safe; a colleague can merge yours into theirs.", "数据只保存在本浏览器中，浏览器可能会清除它。请把备份文件存放在安全的地方；同事也可以把您的备份合并到自己的数据中。";
        backup_never = "No backup yet.", "尚未备份。";
        backup_remind = "Remind me to back up", "备份提醒";
        remind_off = "Never", "不提醒";
        backup_make = "Back up", "备份";
        backup_passphrase = "Passphrase (optional: encrypts the file)", "密码（选填：加密备份文件）";
        backup_passphrase_again = "Passphrase again", "再次输入密码";
        backup_passphrase_mismatch = "The two passphrases differ.", "两次输入的密码不一致。";
        backup_download = "Download backup", "下载备份";
        backup_working = "Working…", "处理中…";
        backup_saved = "Backup downloaded", "备份已下载";
        restore_title = "Restore or merge a backup", "恢复或合并备份";
        restore_file = "Choose backup file", "选择备份文件";
        restore_passphrase = "The backup's passphrase", "备份的密码";
        restore_open = "Open", "打开";
        restore_merge = "Merge into my data", "合并到我的数据";
        restore_replace = "Replace all my data", "替换全部数据";
        restore_replace_confirm = "Replace everything in this browser with the backup? Anything not in the backup is lost.", "用备份替换本浏览器中的全部数据？备份中没有的内容将会丢失。";
        backup_restored = "Backup restored", "备份已恢复";
        merge_conflicts = "Kept yours (theirs differs)", "保留了您的版本（对方的不同）";
        col_record = "Record", "记录";
        col_yours = "Yours changed", "您的修改时间";
        col_other = "Theirs changed", "对方的修改时间";
        backup_reminder = "Your data lives only in this browser.", "数据只保存在本浏览器中。";
        backup_now = "Back up now", "立即备份";
        backup_chip_never = "Not backed up", "尚未备份";
        backup_chip_back_up = "Back up", "备份";
        vcard_import = "Import vCard", "导入 vCard";
        vcard_export = "Export vCard", "导出 vCard";
        vcard_title = "Import contacts from vCard", "从 vCard 导入联系人";
        vcard_not_text = "This is not a vCard text file (UTF-8), or it is larger than 20 MB.", "这不是 UTF-8 编码的 vCard 文本文件，或文件超过 20 MB。";
        vcard_nothing = "Nothing new to import.", "没有需要导入的新内容。";
        vcard_skipped_title = "Not imported", "未导入";
        col_card = "Card", "名片";
        col_why = "Reason", "原因";
        create_survey_first = "Create a survey on the satisfaction page first.", "请先在客户满意度页面创建调查。";

    }
    formats {
        sample_loaded(n: usize) = format!("Added {} sample customers", format_count(n as u64)), format!("已添加 {} 位示例客户", format_count(n as u64));
        storage_usage(used_mb: String, quota_mb: String) = format!("{used_mb} MB used of {quota_mb} MB available"), format!("已用 {used_mb} MB，可用 {quota_mb} MB");
        member_in_use(n: usize) = format!("This member still owns {n} customers. Assign them to someone else first."), format!("该成员仍负责 {n} 位客户，请先将其分配给其他人。");
        last_backup(date: String) = format!("Last backup: {date}"), format!("上次备份：{date}");
        backup_contents(date: String, customers: usize, records: usize) = format!("Backup of {date}: {} customers, {} records in all.", format_count(customers as u64), format_count(records as u64)), format!("{date} 的备份：{} 位客户，共 {} 条记录。", format_count(customers as u64), format_count(records as u64));
        merged(added: usize, updated: usize, unchanged: usize, conflicts: usize) = format!("Merged: {added} added, {updated} updated, {unchanged} unchanged, {conflicts} kept as yours."), format!("已合并：新增 {added} 条，更新 {updated} 条，未变 {unchanged} 条，保留您的版本 {conflicts} 条。");
        every_days(n: u32) = format!("After {n} days"), format!("{n} 天后");
        backup_chip_days(days: i64) = format!("No backup for {days} days"), format!("{days} 天未备份");
        backup_snooze(days: u32) = if days == 1 { "Hide for a day".to_string() } else { format!("Hide for {days} days") }, format!("隐藏 {days} 天");
        backup_overdue(date: String) = format!("Last backup: {date}."), format!("上次备份：{date}。");
    }
}
