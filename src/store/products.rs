//! The price list and the price agreements: read them, save one (a product's code is checked
//! against every other product's inside the saving transaction), move them to and from the
//! trash, delete them for good (leaving tombstones) — and what the customers' purchases were
//! spent on, for the price analysis.
//!
//! Products are read packed (a price list of thousands reads as one value); agreements, a
//! few hundred at most, one object each.

use super::error::{AppError, Result};
use super::idb::{self, Db, get_all_by};
use super::kinds::{self, all_alone, change_each, purge_alone, put_revision, save_alone, store_of};
use super::schema::{BY_CODE, PRODUCTS, PURCHASE_PAGES};
use crate::domain::id::Id;
use crate::domain::product::Product;
use crate::domain::product::analysis::Mix;
use crate::domain::product::pricing::PriceAgreement;
use crate::domain::time::Timestamp;
use crate::domain::validate::{Field, FieldError, Problem};

/// Every product, those in the trash included.
pub async fn all_products(db: &Db) -> Result<Vec<Product>> {
    super::packed::read_all::<Product>(db).await
}

/// Saves a new or edited product as its next revision; returns it as written. Another
/// product (in the trash too) with the same code, compared without regard to case, makes it
/// an [`AppError::Invalid`] naming the code, and nothing is written; a product changed
/// elsewhere since it was read an [`AppError::Conflict`].
pub async fn save_product(db: &Db, p: &Product) -> Result<Product> {
    let tx = db.tx(&[PRODUCTS], true)?;
    let store = store_of::<Product>(&tx)?;
    let same_code: Vec<Product> = get_all_by(&store, BY_CODE, &p.code_key()).await?;
    if same_code.iter().any(|o| o.id != p.id) {
        return Err(AppError::Invalid(vec![FieldError::new(
            Field::Code,
            Problem::Taken,
        )]));
    }
    let written = put_revision(&store, p).await?;
    idb::commit(tx).await?;
    Ok(written)
}

/// Moves the products `ids` to the trash (`Some(now)`) or back (`None`) in one transaction.
pub async fn set_products_trashed(
    db: &Db,
    ids: &[Id],
    at: Option<Timestamp>,
) -> Result<Vec<Product>> {
    let when = at.unwrap_or_else(kinds::now);
    change_each(db, ids, |p: &mut Product| {
        p.deleted_at = at;
        p.updated_at = when;
    })
    .await
}

/// Deletes the products `ids` for good in one transaction, leaving their tombstones. The
/// quotes that have them keep their lines (each line holds what it quoted).
pub async fn purge_products(db: &Db, ids: &[Id]) -> Result<()> {
    purge_alone::<Product>(db, ids).await
}

/// Every price agreement, those in the trash included.
pub async fn all_agreements(db: &Db) -> Result<Vec<PriceAgreement>> {
    all_alone::<PriceAgreement>(db).await
}

/// Saves a new or edited agreement as its next revision; returns it as written.
pub async fn save_agreement(db: &Db, a: &PriceAgreement) -> Result<PriceAgreement> {
    save_alone(db, a).await
}

/// Moves the agreements `ids` to the trash (`Some(now)`) or back (`None`) in one
/// transaction.
pub async fn set_agreements_trashed(
    db: &Db,
    ids: &[Id],
    at: Option<Timestamp>,
) -> Result<Vec<PriceAgreement>> {
    let when = at.unwrap_or_else(kinds::now);
    change_each(db, ids, |a: &mut PriceAgreement| {
        a.deleted_at = at;
        a.updated_at = when;
    })
    .await
}

/// Deletes the agreements `ids` for good, leaving their tombstones.
pub async fn purge_agreements(db: &Db, ids: &[Id]) -> Result<()> {
    purge_alone::<PriceAgreement>(db, ids).await
}

/// What every customer's purchases were spent on, per product and category of `products`
/// (the price analysis's what-if): every purchase read, a page at a time, in one transaction.
pub async fn purchase_mix(db: &Db, products: &[Product]) -> Result<Mix> {
    let tx = db.tx(&[PURCHASE_PAGES], false)?;
    let mut mix = Mix::new(products);
    super::purchases::each_page(&tx, |page| mix.add(&page)).await?;
    Ok(mix)
}
