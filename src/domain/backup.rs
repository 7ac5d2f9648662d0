//! Full backups: every record and preference in one versioned document, checked whole before
//! anything is written, and merged by id with another person's backup (the newer change wins;
//! where ours is newer or the same age but different, ours is kept and the record listed as a
//! conflict).
//!
//! The file around the document (gzip, optional AES-GCM encryption with a key from a
//! passphrase) is the browser's work; [`Envelope`] is its header, parsed here.

use crate::domain::id::Id;
use crate::domain::record::{KindVisitor, Record, RecordKind, RecordSet, for_each_kind};
use crate::domain::time::Timestamp;
use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The `format` field of every backup.
pub const FORMAT: &str = "zhike-crm-backup";
/// The document version this code writes (and the newest it reads).
pub const VERSION: u32 = 1;

/// Every record and preference. In the file, the header fields come first and then one list
/// per record kind that a backup carries, named by [`RecordKind::name`] (see
/// [`domain::kinds`](crate::domain::kinds)); a kind a file lacks reads as empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub created_at: Timestamp,
    /// Preferences as stored (key → JSON text).
    pub prefs: BTreeMap<String, String>,
    /// The records, one list per kind (never import journals).
    pub records: RecordSet,
}

/// Why a backup cannot be restored. Nothing is written in any of these cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupProblem {
    /// Not a backup of this app (or damaged beyond reading).
    NotABackup,
    /// Written by a newer version of the app.
    NewerVersion(u32),
    /// The passphrase does not open it (or the file was altered).
    WrongPassphrase,
    /// It is encrypted and no passphrase was given.
    NeedsPassphrase,
    /// The document does not read as a backup: where it failed.
    Damaged(String),
    /// Two records of a kind share an id.
    Duplicate(RecordKind, String),
    /// A record refers to a customer (or survey) the backup does not have.
    Dangling(RecordKind, String),
}

impl Serialize for Backup {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// Writes each kind's list as one entry of the map.
        struct Lists<'a, M: SerializeMap> {
            records: &'a RecordSet,
            map: &'a mut M,
            failed: Option<M::Error>,
        }
        impl<M: SerializeMap> KindVisitor for Lists<'_, M> {
            fn visit<R: Record>(&mut self) {
                if self.failed.is_none() && R::KIND.in_backup() {
                    let list = R::column(self.records);
                    if let Err(e) = self.map.serialize_entry(R::KIND.name(), list) {
                        self.failed = Some(e);
                    }
                }
            }
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("format", &self.format)?;
        map.serialize_entry("version", &self.version)?;
        map.serialize_entry("created_at", &self.created_at)?;
        map.serialize_entry("prefs", &self.prefs)?;
        let mut lists = Lists {
            records: &self.records,
            map: &mut map,
            failed: None,
        };
        for_each_kind(&mut lists);
        if let Some(e) = lists.failed {
            return Err(e);
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Backup {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BackupVisitor)
    }
}

struct BackupVisitor;

impl<'de> Visitor<'de> for BackupVisitor {
    type Value = Backup;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a backup document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Backup, A::Error> {
        /// Reads the value of `key` into its kind's list, if `key` names a kind of a backup.
        struct List<'a, 'de, A: MapAccess<'de>> {
            key: &'a str,
            map: &'a mut A,
            records: &'a mut RecordSet,
            outcome: Option<Result<(), A::Error>>,
            _de: std::marker::PhantomData<&'de ()>,
        }
        impl<'de, A: MapAccess<'de>> KindVisitor for List<'_, 'de, A> {
            fn visit<R: Record>(&mut self) {
                if self.outcome.is_none() && R::KIND.in_backup() && R::KIND.name() == self.key {
                    self.outcome = Some(
                        self.map
                            .next_value::<Vec<R>>()
                            .map(|list| *R::column_mut(self.records) = list),
                    );
                }
            }
        }
        let mut format = None;
        let mut version = None;
        let mut created_at = None;
        let mut prefs = BTreeMap::new();
        let mut records = RecordSet::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => format = Some(map.next_value()?),
                "version" => version = Some(map.next_value()?),
                "created_at" => created_at = Some(map.next_value()?),
                "prefs" => prefs = map.next_value()?,
                other => {
                    let mut list = List {
                        key: other,
                        map: &mut map,
                        records: &mut records,
                        outcome: None,
                        _de: std::marker::PhantomData,
                    };
                    for_each_kind(&mut list);
                    match list.outcome {
                        Some(outcome) => outcome?,
                        // Not ours (a field a newer version added): skipped.
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
            }
        }
        Ok(Backup {
            format: format.ok_or_else(|| A::Error::missing_field("format"))?,
            version: version.ok_or_else(|| A::Error::missing_field("version"))?,
            created_at: created_at.ok_or_else(|| A::Error::missing_field("created_at"))?,
            prefs,
            records,
        })
    }
}

/// One record both sides have, in different versions, where ours was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub kind: RecordKind,
    pub key: String,
    pub label: String,
    pub ours: Option<Timestamp>,
    pub theirs: Option<Timestamp>,
}

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Records only they had.
    pub added: usize,
    /// Records they changed more recently than we did.
    pub updated: usize,
    /// Records both have the same.
    pub unchanged: usize,
    /// Records where ours was kept although theirs differs.
    pub conflicts: Vec<Conflict>,
}

fn merge_kind<T: Record>(ours: &[T], theirs: &[T], report: &mut MergeReport) -> Vec<T> {
    let mut out = ours.to_vec();
    let at: HashMap<String, usize> = out.iter().enumerate().map(|(i, r)| (r.key(), i)).collect();
    for t in theirs {
        match at.get(&t.key()) {
            None => {
                out.push(t.clone());
                report.added += 1;
            }
            Some(&i) if out[i] == *t => report.unchanged += 1,
            Some(&i) if T::wins_over(t, &out[i]) => {
                out[i] = t.clone();
                report.updated += 1;
            }
            Some(&i) => report.conflicts.push(Conflict {
                kind: T::KIND,
                key: t.key(),
                label: out[i].label(),
                ours: out[i].stamp(),
                theirs: t.stamp(),
            }),
        }
    }
    out
}

fn check_kind<T: Record>(records: &[T], customers: &HashSet<Id>) -> Result<(), BackupProblem> {
    let mut seen = HashSet::with_capacity(records.len());
    for r in records {
        if !seen.insert(r.key()) {
            return Err(BackupProblem::Duplicate(T::KIND, r.key()));
        }
        if let Some(c) = r.customer()
            && !customers.contains(&c)
        {
            return Err(BackupProblem::Dangling(T::KIND, r.key()));
        }
    }
    Ok(())
}

impl Backup {
    /// An empty backup stamped `now`.
    pub fn new(now: Timestamp) -> Backup {
        Backup {
            format: FORMAT.into(),
            version: VERSION,
            created_at: now,
            ..Backup::default()
        }
    }

    /// The document as JSON.
    pub fn to_json(&self) -> Vec<u8> {
        // Serialising plain data to a Vec cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads and checks a whole document: its format and version, every record, no two
    /// records of a kind with one id, every record's customer (and a response's survey)
    /// present.
    pub fn from_json(bytes: &[u8]) -> Result<Backup, BackupProblem> {
        #[derive(Deserialize)]
        struct Head {
            format: String,
            version: u32,
        }
        let head: Head = serde_json::from_slice(bytes).map_err(|_| BackupProblem::NotABackup)?;
        if head.format != FORMAT {
            return Err(BackupProblem::NotABackup);
        }
        if head.version > VERSION {
            return Err(BackupProblem::NewerVersion(head.version));
        }
        let b: Backup =
            serde_json::from_slice(bytes).map_err(|e| BackupProblem::Damaged(e.to_string()))?;
        b.check()?;
        Ok(b)
    }

    /// The consistency checks of [`Backup::from_json`].
    pub fn check(&self) -> Result<(), BackupProblem> {
        struct Check<'a> {
            records: &'a RecordSet,
            customers: HashSet<Id>,
            problem: Option<BackupProblem>,
        }
        impl KindVisitor for Check<'_> {
            fn visit<R: Record>(&mut self) {
                if self.problem.is_none() {
                    self.problem = check_kind(R::column(self.records), &self.customers).err();
                }
            }
        }
        let records = &self.records;
        let mut check = Check {
            records,
            customers: records.customers.iter().map(|c| c.id).collect(),
            problem: None,
        };
        for_each_kind(&mut check);
        if let Some(p) = check.problem {
            return Err(p);
        }
        let surveys: HashSet<Id> = records.surveys.iter().map(|s| s.id).collect();
        if let Some(r) = records
            .responses
            .iter()
            .find(|r| !surveys.contains(&r.survey_id))
        {
            return Err(BackupProblem::Dangling(
                RecordKind::Response,
                r.id.to_string(),
            ));
        }
        Ok(())
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether it holds no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Every record sorted by key within its kind, so two backups of the same data compare
    /// equal whatever order the stores returned them in.
    pub fn normalised(mut self) -> Backup {
        self.records = self.records.normalised();
        self
    }

    /// `theirs` merged into `self` by id: records only they have are added, records they
    /// changed later replace ours (see [`Record::wins_over`]), and where ours is newer (or
    /// as old, or undated) but different, ours stays and the record is listed as a conflict.
    /// Our preferences stay.
    pub fn merge(&self, theirs: &Backup) -> (Backup, MergeReport) {
        struct Merge<'a> {
            ours: &'a RecordSet,
            theirs: &'a RecordSet,
            out: RecordSet,
            report: MergeReport,
        }
        impl KindVisitor for Merge<'_> {
            fn visit<R: Record>(&mut self) {
                let (ours, theirs) = (R::column(self.ours), R::column(self.theirs));
                *R::column_mut(&mut self.out) = merge_kind(ours, theirs, &mut self.report);
            }
        }
        let mut merge = Merge {
            ours: &self.records,
            theirs: &theirs.records,
            out: RecordSet::default(),
            report: MergeReport::default(),
        };
        for_each_kind(&mut merge);
        let merged = Backup {
            format: FORMAT.into(),
            version: VERSION,
            created_at: self.created_at,
            prefs: self.prefs.clone(),
            records: merge.out,
        };
        (merged, merge.report)
    }
}

/// The header of an encrypted backup file: magic, version, PBKDF2 iterations, salt and
/// AES-GCM nonce, followed by the ciphertext of the compressed document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub iterations: u32,
    pub salt: [u8; 16],
    pub nonce: [u8; 12],
}

/// First bytes of an encrypted backup.
pub const MAGIC: &[u8; 8] = b"ZKCRMENC";
/// PBKDF2-SHA256 iterations for new backups (OWASP's 2023 figure).
pub const ITERATIONS: u32 = 600_000;
const HEADER: usize = 8 + 1 + 4 + 16 + 12;

/// What a backup file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// gzip-compressed JSON.
    Plain,
    /// Encrypted: the header and where the ciphertext starts.
    Encrypted(Envelope, usize),
}

impl Envelope {
    /// The header bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER);
        out.extend_from_slice(MAGIC);
        out.push(1);
        out.extend_from_slice(&self.iterations.to_be_bytes());
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(&self.nonce);
        out
    }

    /// What the file is, from its first bytes.
    pub fn sniff(bytes: &[u8]) -> Result<FileKind, BackupProblem> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            return Ok(FileKind::Plain);
        }
        if !bytes.starts_with(MAGIC) {
            return Err(BackupProblem::NotABackup);
        }
        if bytes.len() < HEADER || bytes[8] != 1 {
            return Err(BackupProblem::NotABackup);
        }
        let iterations = u32::from_be_bytes([bytes[9], bytes[10], bytes[11], bytes[12]]);
        if iterations < ITERATIONS {
            return Err(BackupProblem::NotABackup);
        }
        let mut salt = [0; 16];
        salt.copy_from_slice(&bytes[13..29]);
        let mut nonce = [0; 12];
        nonce.copy_from_slice(&bytes[29..41]);
        Ok(FileKind::Encrypted(
            Envelope {
                iterations,
                salt,
                nonce,
            },
            HEADER,
        ))
    }
}

/// Whether to remind the user to back up: never backed up, or the last backup is more than
/// `days` days old (0 turns the reminder off). Dismissing the reminder (`snoozed`) silences it
/// for the same number of days.
pub fn backup_due(
    last: Option<Timestamp>,
    snoozed: Option<Timestamp>,
    days: u32,
    now: Timestamp,
) -> bool {
    if days == 0 {
        return false;
    }
    let older = |t: Timestamp| now.0 - t.0 > i64::from(days) * 86_400_000;
    last.is_none_or(older) && snoozed.is_none_or(older)
}

/// Whole days since the last backup at `now` (`None`: never backed up).
pub fn days_since_backup(last: Option<Timestamp>, now: Timestamp) -> Option<i64> {
    last.map(|t| (now.0 - t.0).max(0) / 86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;
    use crate::domain::sample::{Generator, SampleConfig, team};
    use chrono::NaiveDate;

    const NOW: Timestamp = Timestamp(1_795_420_800_000);

    fn database(seed: u64, customers: usize) -> Backup {
        let cfg = SampleConfig {
            seed,
            customers,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            id_epoch_ms: NOW.0 as u64,
            lang: Lang::Zh,
        };
        let mut b = Backup::new(NOW);
        b.records.members = team(seed);
        b.records.surveys = vec![crate::domain::sample::sample_survey(Lang::Zh)];
        for s in Generator::new(cfg, b.records.members.clone()) {
            b.records.customers.push(s.customer);
            b.records.contacts.extend(s.contacts);
            b.records.interactions.extend(s.interactions);
            b.records.purchases.extend(s.purchases);
            b.records.complaints.extend(s.complaints);
            b.records.responses.extend(s.responses);
        }
        b.prefs.insert("zhike.lang".into(), "\"zh-CN\"".into());
        b
    }

    #[test]
    fn a_backup_reads_back_exactly() {
        let b = database(7, 40);
        assert!(b.records.responses.len() + b.records.complaints.len() > 0);
        let back = Backup::from_json(&b.to_json()).unwrap();
        assert_eq!(back, b);
    }

    #[test]
    fn a_backup_written_by_the_release_before_revisions_still_restores() {
        // Written by the release before record kinds were declared once (seed 5, 12
        // customers, and a theme preference).
        let old = include_bytes!("../../tests/fixtures/backup-v1.json");
        let b = Backup::from_json(old).unwrap();
        let expected = database(5, 12);
        assert_eq!(b.records.customers.len(), 12);
        assert_eq!(
            b.prefs.get("zhike.theme").map(String::as_str),
            Some("\"dark\"")
        );
        // The same records the generator makes for that seed.
        let stored = expected.records;
        assert_eq!(b.records.len(), stored.len());
        assert!(b.records.len() > 100);
        // Ids are generated afresh, so compare what is not an id.
        let names = |s: &RecordSet| {
            s.customers
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&b.records), names(&stored));
        // Written before revisions: every record reads as revision 1.
        let revs_ok = b.records.purchases.iter().all(|p| p.rev.0 == 1)
            && b.records.customers.iter().all(|c| c.rev.0 == 1)
            && b.records.responses.iter().all(|r| r.rev.0 == 1);
        assert!(revs_ok);
        // And it writes back out and reads again unchanged.
        assert_eq!(Backup::from_json(&b.to_json()).unwrap(), b);
    }

    #[test]
    fn damaged_or_foreign_documents_are_refused_before_anything_is_written() {
        assert_eq!(
            Backup::from_json(b"\x00\x01"),
            Err(BackupProblem::NotABackup)
        );
        assert_eq!(
            Backup::from_json(br#"{"format":"other","version":1}"#),
            Err(BackupProblem::NotABackup)
        );
        assert_eq!(
            Backup::from_json(br#"{"format":"zhike-crm-backup","version":9}"#),
            Err(BackupProblem::NewerVersion(9))
        );
        let json = database(3, 5).to_json();
        // Cut short: still starts like a backup, fails as a whole.
        let cut = &json[..json.len() / 2];
        assert_eq!(Backup::from_json(cut), Err(BackupProblem::NotABackup));
        // A purchase whose customer is missing.
        let mut b = database(3, 5);
        let gone = b.records.customers.remove(0).id;
        b.records.contacts.retain(|c| c.customer_id != gone);
        b.records.interactions.retain(|c| c.customer_id != gone);
        let p = b.records.purchases.iter().find(|p| p.customer_id == gone);
        if let Some(p) = p {
            assert_eq!(
                Backup::from_json(&b.to_json()),
                Err(BackupProblem::Dangling(
                    RecordKind::Purchase,
                    p.id.to_string()
                ))
            );
        }
        let mut b = database(3, 5);
        b.records.customers.push(b.records.customers[0].clone());
        assert!(matches!(
            Backup::from_json(&b.to_json()),
            Err(BackupProblem::Duplicate(RecordKind::Customer, _))
        ));
        // A response to a survey that is not there.
        let mut b = database(3, 60);
        b.records.surveys.clear();
        assert!(matches!(
            b.check(),
            Err(BackupProblem::Dangling(RecordKind::Response, _))
        ));
    }

    #[test]
    fn merge_adds_updates_and_lists_conflicts() {
        let base = database(11, 6);
        let mut ours = base.clone();
        let mut theirs = base.clone();
        // They added a customer; we added another.
        let mut extra = database(12, 1);
        extra.records.customers[0].id = Id::generate();
        theirs
            .records
            .customers
            .push(extra.records.customers[0].clone());
        let mut ours_only = database(13, 1).records.customers[0].clone();
        ours_only.id = Id::generate();
        ours.records.customers.push(ours_only.clone());
        // They renamed customer 0 later than our last change: theirs wins.
        theirs.records.customers[0].name = "新名称".into();
        theirs.records.customers[0].updated_at = Timestamp(NOW.0 + 10);
        // Both changed customer 1; ours is newer: ours stays, listed.
        theirs.records.customers[1].name = "他们的".into();
        theirs.records.customers[1].updated_at = Timestamp(NOW.0 + 5);
        ours.records.customers[1].name = "我们的".into();
        ours.records.customers[1].updated_at = Timestamp(NOW.0 + 20);
        // Same time, different content: ours stays, listed.
        theirs.records.customers[2].notes = "x".into();
        let (merged, r) = ours.merge(&theirs);
        assert_eq!(r.added, 1);
        assert_eq!(r.updated, 1);
        assert_eq!(r.conflicts.len(), 2);
        assert_eq!(r.conflicts[0].label, "我们的");
        assert_eq!(r.conflicts[0].theirs, Some(Timestamp(NOW.0 + 5)));
        assert_eq!(r.unchanged, base.len() - 3);
        assert_eq!(merged.records.customers[0].name, "新名称");
        assert_eq!(merged.records.customers[1].name, "我们的");
        assert!(merged.records.customers.contains(&ours_only));
        assert!(
            merged
                .records
                .customers
                .contains(&extra.records.customers[0])
        );
        assert_eq!(merged.check(), Ok(()));
        // Merging the result again changes nothing.
        let (again, r2) = merged.merge(&theirs);
        assert_eq!(again, merged);
        assert_eq!((r2.added, r2.updated), (0, 0));
    }

    #[test]
    fn the_envelope_header_reads_back_and_foreign_files_are_refused() {
        let e = Envelope {
            iterations: ITERATIONS,
            salt: [7; 16],
            nonce: [9; 12],
        };
        let mut file = e.to_bytes();
        file.extend_from_slice(b"ciphertext");
        assert_eq!(Envelope::sniff(&file), Ok(FileKind::Encrypted(e, 41)));
        assert_eq!(Envelope::sniff(&[0x1f, 0x8b, 8, 0]), Ok(FileKind::Plain));
        assert_eq!(
            Envelope::sniff(b"PK\x03\x04"),
            Err(BackupProblem::NotABackup)
        );
        assert_eq!(Envelope::sniff(&file[..20]), Err(BackupProblem::NotABackup));
        // Fewer iterations than we require: refused rather than trusted.
        let mut weak = file.clone();
        weak[9..13].copy_from_slice(&1000u32.to_be_bytes());
        assert_eq!(Envelope::sniff(&weak), Err(BackupProblem::NotABackup));
    }

    #[test]
    fn the_reminder_follows_the_chosen_days() {
        let day = 86_400_000;
        assert!(backup_due(None, None, 7, NOW));
        assert!(!backup_due(Some(Timestamp(NOW.0 - 6 * day)), None, 7, NOW));
        assert!(backup_due(Some(Timestamp(NOW.0 - 8 * day)), None, 7, NOW));
        assert!(!backup_due(None, None, 0, NOW));
        // Dismissed two days ago: quiet for the chosen seven days, then back.
        let two_days_ago = Some(Timestamp(NOW.0 - 2 * day));
        assert!(!backup_due(None, two_days_ago, 7, NOW));
        assert!(!backup_due(
            Some(Timestamp(NOW.0 - 30 * day)),
            two_days_ago,
            7,
            NOW
        ));
        assert!(backup_due(None, Some(Timestamp(NOW.0 - 8 * day)), 7, NOW));
        assert!(
            backup_due(None, two_days_ago, 1, NOW),
            "a one-day choice holds one day"
        );
        assert_eq!(days_since_backup(None, NOW), None);
        assert_eq!(
            days_since_backup(Some(Timestamp(NOW.0 - 12 * day - 5)), NOW),
            Some(12)
        );
        assert_eq!(
            days_since_backup(Some(Timestamp(NOW.0 - day + 1)), NOW),
            Some(0)
        );
    }

    /// Native only: proptest is not built for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    mod property {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]
            #[test]
            fn any_generated_database_survives_a_backup_and_a_merge_into_nothing(
                seed in any::<u64>(),
                customers in 0usize..25,
                trash in any::<bool>(),
            ) {
                let mut b = database(seed, customers);
                if trash && !b.records.customers.is_empty() {
                    b.records.customers[0].deleted_at = Some(NOW);
                }
                let back = Backup::from_json(&b.to_json()).unwrap();
                prop_assert_eq!(&back, &b);
                // Merged into an empty database: the same records, all added.
                let (merged, r) = Backup::new(NOW).merge(&b);
                prop_assert_eq!(r.added, b.len());
                prop_assert!(r.conflicts.is_empty());
                prop_assert_eq!(merged.normalised(), Backup { prefs: BTreeMap::new(), ..b.normalised() });
            }
        }
    }
}
