//! Two edits of one record: the one a form is saving, and the one stored since the form was
//! opened (saved in another tab, or — once records replicate — on another device).
//!
//! A save carries the revision its form was opened on. The store compares it, in the
//! transaction that writes, with the stored revision ([`Conflict::check`]); when they differ
//! nothing is written and the form gets a [`Conflict`]: the stored version, to compare field by
//! field ([`differences`]) and to merge as the user chooses ([`merge`]). Fields are a record's
//! top-level fields as serialised, so one mechanism serves every kind.

use crate::domain::record::{Record, RecordKind};
use serde_json::Value;

/// What a save found in place of the revision its form was opened on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The record's kind.
    pub kind: RecordKind,
    /// Its key.
    pub key: String,
    /// The revision the form was opened on.
    pub base_rev: u32,
    /// The record as stored now; `None` when it was deleted meanwhile.
    pub theirs: Option<Value>,
}

/// Fields the user does not edit: never compared, never offered.
const BOOKKEEPING: &[&str] = &["id", "customer_id", "rev", "created_at", "updated_at"];

/// Fields a merge always takes from the stored version: its revision (the merged record is
/// the next one after it) and its place in the trash (a form never moves a record in or out).
const FROM_STORED: &[&str] = &["rev", "deleted_at"];

impl Conflict {
    /// Whether `mine`, opened on its revision, may replace `stored` (the record under its key
    /// now, if any). A new record (revision 0) always may; an edited one only while the
    /// stored revision is still the one it was opened on.
    pub fn check<R: Record>(mine: &R, stored: Option<&R>) -> Result<(), Conflict> {
        let base = mine.rev().0;
        if base == 0 {
            return Ok(());
        }
        match stored {
            Some(s) if s.rev().0 == base => Ok(()),
            _ => Err(Conflict {
                kind: R::KIND,
                key: mine.key(),
                base_rev: base,
                theirs: stored.and_then(|s| serde_json::to_value(s).ok()),
            }),
        }
    }

    /// The stored version as a record.
    pub fn theirs<R: Record>(&self) -> Option<R> {
        serde_json::from_value(self.theirs.clone()?).ok()
    }

    /// The stored revision (`None` once deleted).
    pub fn theirs_rev(&self) -> Option<u32> {
        let rev = self.theirs.as_ref()?.get("rev")?.as_u64()?;
        u32::try_from(rev).ok()
    }
}

/// One field that differs between the two versions, and which one the merge keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChoice {
    /// The field's name as serialised.
    pub key: String,
    /// Its value when the form was opened (`Null` when unknown).
    pub base: Value,
    /// In the form.
    pub mine: Value,
    /// As stored now.
    pub theirs: Value,
    /// Whether the merge takes the stored value.
    pub take_theirs: bool,
}

impl FieldChoice {
    /// Both sides changed it since the form was opened: only the user can say which stays.
    pub fn both_changed(&self) -> bool {
        self.mine != self.base && self.theirs != self.base
    }
}

fn field<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or(&Value::Null)
}

/// The fields in which `mine` and `theirs` differ (in `order`, then the rest by name), each
/// preset the way a three-way merge would: the stored value where only the other side
/// changed it, the form's where the form changed it. `base` is the record as the form opened
/// it.
pub fn differences(base: &Value, mine: &Value, theirs: &Value, order: &[&str]) -> Vec<FieldChoice> {
    let mut keys: Vec<&String> = [mine, theirs]
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(|o| o.keys())
        .filter(|k| !BOOKKEEPING.contains(&k.as_str()) && !FROM_STORED.contains(&k.as_str()))
        .collect();
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
    keys.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    keys.dedup();
    keys.into_iter()
        .filter(|k| field(mine, k) != field(theirs, k))
        .map(|k| FieldChoice {
            key: k.clone(),
            base: field(base, k).clone(),
            mine: field(mine, k).clone(),
            theirs: field(theirs, k).clone(),
            take_theirs: field(mine, k) == field(base, k),
        })
        .collect()
}

/// The record to save: the form's version with the chosen fields taken from the stored one,
/// at the stored revision (so the save goes through unless it changed yet again).
pub fn merge(mine: &Value, theirs: &Value, choices: &[FieldChoice]) -> Value {
    let mut out = mine.clone();
    let Some(object) = out.as_object_mut() else {
        return out;
    };
    let keys = choices
        .iter()
        .filter(|c| c.take_theirs)
        .map(|c| c.key.as_str())
        .chain(FROM_STORED.iter().copied());
    for key in keys {
        match theirs.get(key) {
            Some(v) => {
                object.insert(key.to_string(), v.clone());
            }
            None => {
                object.remove(key);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contact::{BuyingRole, ContactPerson};
    use crate::domain::id::Id;
    use crate::domain::record::Rev;
    use crate::domain::time::Timestamp;

    fn contact(name: &str, title: &str, notes: &str, rev: u32) -> ContactPerson {
        ContactPerson {
            id: Id::from_parts(1_700_000_000_007, [7; 10]),
            customer_id: Id::from_parts(1_700_000_000_003, [3; 10]),
            name: name.into(),
            title: title.into(),
            role: BuyingRole::DecisionMaker,
            phones: vec!["13800138000".into()],
            emails: vec![],
            notes: notes.into(),
            created_at: Timestamp(1),
            updated_at: Timestamp(i64::from(rev)),
            rev: Rev(rev),
        }
    }

    #[test]
    fn a_save_goes_through_only_on_the_revision_it_was_opened_on() {
        let stored = contact("王丽", "经理", "", 3);
        // Opened on 3, stored 3: fine. New records (revision 0) always are.
        assert!(Conflict::check(&contact("王丽", "总监", "", 3), Some(&stored)).is_ok());
        assert!(Conflict::check(&contact("新", "", "", 0), None).is_ok());
        // Opened on 2, stored 3: the stored version comes back.
        let c = Conflict::check(&contact("王丽", "总监", "", 2), Some(&stored)).unwrap_err();
        assert_eq!(
            (c.kind, c.base_rev, c.theirs_rev()),
            (RecordKind::Contact, 2, Some(3))
        );
        assert_eq!(c.theirs::<ContactPerson>(), Some(stored));
        // Deleted meanwhile: a conflict with nothing stored.
        let gone = Conflict::check(&contact("王丽", "总监", "", 3), None).unwrap_err();
        assert_eq!((gone.theirs.clone(), gone.theirs_rev()), (None, None));
        assert_eq!(
            gone.key,
            Id::from_parts(1_700_000_000_007, [7; 10]).to_string()
        );
    }

    #[test]
    fn differences_are_preset_as_a_three_way_merge_would() {
        // Opened on: 王丽 / 经理 / "". This tab changed the title; the other tab changed the
        // notes and also the title, differently; the name nobody changed.
        let base = serde_json::to_value(contact("王丽", "经理", "", 3)).unwrap();
        let mine = serde_json::to_value(contact("王丽", "总监", "", 3)).unwrap();
        let theirs = serde_json::to_value(contact("王丽", "副总", "周三拜访", 4)).unwrap();
        let d = differences(&base, &mine, &theirs, &["title", "notes"]);
        let keys: Vec<&str> = d.iter().map(|c| c.key.as_str()).collect();
        // updated_at and rev differ too, but are bookkeeping.
        assert_eq!(keys, ["title", "notes"]);
        assert!(d[0].both_changed() && !d[0].take_theirs);
        assert!(!d[1].both_changed() && d[1].take_theirs);
        // Merged as preset: my title, their notes, their revision (4) to save on.
        let merged: ContactPerson = serde_json::from_value(merge(&mine, &theirs, &d)).unwrap();
        assert_eq!(
            (merged.title.as_str(), merged.notes.as_str()),
            ("总监", "周三拜访")
        );
        assert_eq!(merged.rev.0, 4);
        assert!(Conflict::check(&merged, Some(&contact("王丽", "副总", "周三拜访", 4))).is_ok());
        // Taking theirs everywhere gives their content.
        let all: Vec<FieldChoice> = d
            .into_iter()
            .map(|c| FieldChoice {
                take_theirs: true,
                ..c
            })
            .collect();
        let taken: ContactPerson = serde_json::from_value(merge(&mine, &theirs, &all)).unwrap();
        assert_eq!(
            (taken.title.as_str(), taken.notes.as_str()),
            ("副总", "周三拜访")
        );
    }

    #[test]
    fn a_merge_keeps_the_stored_trash_state_and_drops_fields_the_stored_lacks() {
        let mine = serde_json::json!({"name": "A", "deleted_at": null, "rev": 2, "extra": 1});
        let theirs = serde_json::json!({"name": "B", "deleted_at": 99, "rev": 5});
        let d = differences(&mine, &mine, &theirs, &[]);
        // "extra" exists only in mine and nobody else touched it: preset to the stored (none).
        assert_eq!(
            d.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            ["extra", "name"]
        );
        let merged = merge(&mine, &theirs, &d);
        assert_eq!(
            merged,
            serde_json::json!({"name": "B", "deleted_at": 99, "rev": 5})
        );
    }
}
