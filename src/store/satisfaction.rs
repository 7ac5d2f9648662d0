//! Satisfaction surveys and their responses. Responses do not enter the summaries (the list
//! does not show them); the satisfaction page and the churn-risk score read them whole.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::kinds::{self, delete_alone};
use super::schema::{BY_SURVEY, RESPONSES, SURVEYS, TOMBSTONES};
use crate::domain::id::Id;
use crate::domain::record::Tombstone;
use crate::domain::satisfaction::{Response, Survey};
use crate::domain::validate::{Field, FieldError, Problem};

/// Saves a new or edited survey. Its kind and scale are fixed once it has responses (their
/// ratings would change meaning); the check and the write are one transaction.
pub async fn save_survey(db: &Db, survey: &Survey) -> Result<Survey> {
    survey.validate().map_err(AppError::Invalid)?;
    let tx = db.tx(&[SURVEYS, RESPONSES], true)?;
    let surveys = tx.object_store(SURVEYS).map_err(idb::convert)?;
    let key = survey.id.to_string();
    if let Some(old) = get::<Survey>(&surveys, &key).await?
        && (old.kind != survey.kind || old.scale != survey.scale)
    {
        let responses = tx.object_store(RESPONSES).map_err(idb::convert)?;
        if idb::count_by(&responses, BY_SURVEY, &key).await? > 0 {
            return Err(AppError::Invalid(vec![FieldError::new(
                Field::Questions,
                Problem::LockedByResponses,
            )]));
        }
    }
    let written = kinds::put_revision(&surveys, survey).await?;
    idb::commit(tx).await?;
    Ok(written)
}

/// Deletes a survey and every response to it, together, leaving their tombstones.
pub async fn delete_survey(db: &Db, id: Id) -> Result<usize> {
    let tx = db.tx(&[SURVEYS, RESPONSES, TOMBSTONES], true)?;
    let surveys = tx.object_store(SURVEYS).map_err(idb::convert)?;
    let now = kinds::now();
    let (_, survey_tomb) = kinds::delete_one::<Survey>(&surveys, &id.to_string(), now).await?;
    let responses = tx.object_store(RESPONSES).map_err(idb::convert)?;
    let gone: Vec<Response> = idb::get_all_by(&responses, BY_SURVEY, &id.to_string()).await?;
    let mut tombs = vec![survey_tomb];
    for r in &gone {
        idb::delete(&responses, &r.id.to_string())?;
        tombs.push(Tombstone::of(r, now));
    }
    kinds::bury(&tx, &tombs)?;
    idb::commit(tx).await?;
    Ok(gone.len())
}

/// Every survey, oldest first.
pub async fn all_surveys(db: &Db) -> Result<Vec<Survey>> {
    let tx = db.tx(&[SURVEYS], false)?;
    let mut out: Vec<Survey> =
        idb::get_all(&tx.object_store(SURVEYS).map_err(idb::convert)?).await?;
    out.sort_by_key(|s| s.id);
    Ok(out)
}

/// Saves one response.
pub async fn save_response(db: &Db, response: &Response) -> Result<()> {
    save_responses(db, std::slice::from_ref(response)).await
}

/// Saves many responses (an import) in one transaction: all of them or, on any failure, none.
/// Their survey must still exist.
pub async fn save_responses(db: &Db, responses: &[Response]) -> Result<()> {
    let tx = db.tx(&[SURVEYS, RESPONSES], true)?;
    let surveys = tx.object_store(SURVEYS).map_err(idb::convert)?;
    let mut known: Vec<Id> = Vec::new();
    for r in responses {
        if !known.contains(&r.survey_id) {
            get::<Survey>(&surveys, &r.survey_id.to_string())
                .await?
                .ok_or(AppError::NotFound)?;
            known.push(r.survey_id);
        }
    }
    let store = tx.object_store(RESPONSES).map_err(idb::convert)?;
    for r in responses {
        kinds::put_revision(&store, r).await?;
    }
    idb::commit(tx).await
}

/// Deletes a response entered by mistake.
pub async fn delete_response(db: &Db, id: Id) -> Result<()> {
    delete_alone::<Response>(db, &id.to_string())
        .await
        .map(drop)
}

/// Every response.
pub async fn all_responses(db: &Db) -> Result<Vec<Response>> {
    let tx = db.tx(&[RESPONSES], false)?;
    idb::get_all(&tx.object_store(RESPONSES).map_err(idb::convert)?).await
}
