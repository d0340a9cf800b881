//! The provenance footer: pantau's version, the sha256 and size of every
//! input file, and the generation time. The time comes from
//! `SOURCE_DATE_EPOCH` when it is set, so a rerun on the same inputs gives a
//! byte-identical report.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use crate::config::Timezone;
use crate::load::fingerprint::Fingerprint;
use crate::validate::FileReport;

use super::page::{Input, Provenance};
use crate::fmt::Fmt;

/// The generation time: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when
/// set and not empty, the clock otherwise; any other text is invalid input.
pub(crate) fn generation_time() -> Result<DateTime<Utc>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        // Set but empty, as a build script may leave it: unset.
        Ok(text) if text.trim().is_empty() => Ok(Utc::now()),
        Ok(text) => {
            let Ok(seconds) = text.trim().parse::<i64>() else {
                return crate::problem::InvalidInput::err(format!(
                    "SOURCE_DATE_EPOCH={text:?} is not a number of seconds"
                ));
            };
            DateTime::from_timestamp(seconds, 0)
                .with_context(|| format!("SOURCE_DATE_EPOCH={text} is out of range"))
        }
        Err(_) => Ok(Utc::now()),
    }
}

/// The footer for the input files of the given sites: (site name, folder,
/// the files read).
pub(crate) fn provenance(
    fmt: Fmt,
    time: DateTime<Utc>,
    zone: Timezone,
    sites: &[(String, &Path, Vec<&FileReport>)],
    caption: String,
) -> Result<Provenance> {
    let mut inputs = Vec::new();
    for (name, dir, files) in sites {
        for file in files {
            let Fingerprint { sha256, bytes } = file.fingerprint()?;
            inputs.push(Input {
                site: name.clone(),
                file: super::labels::short_name(dir, &file.file),
                bytes: fmt.count(bytes as f64),
                sha256,
            });
        }
    }
    Ok(Provenance {
        version: env!("CARGO_PKG_VERSION").to_string(),
        generated: local_time(fmt, time, zone),
        caption,
        inputs,
    })
}

/// The footer of a page made from one site, in its time zone.
pub(crate) fn of_site(
    fmt: Fmt,
    time: DateTime<Utc>,
    site: &crate::site::Site,
    messages: &super::i18n::Messages,
) -> Result<Provenance> {
    provenance(
        fmt,
        time,
        site.config.notice.timezone,
        &[(
            site.config.site.name.clone(),
            site.dir.as_path(),
            site.input_files(),
        )],
        messages.get("provenance-inputs"),
    )
}

/// A moment as the village reads its clocks: `28 November 2026 11:58 WIB`.
pub(crate) fn local_time(fmt: Fmt, time: DateTime<Utc>, zone: Timezone) -> String {
    let local = time.naive_utc() + chrono::Duration::hours(zone.offset_hours());
    format!(
        "{} {} {}",
        fmt.date(local.date()),
        local.format("%H:%M"),
        zone.name()
    )
}

/// The calendar day of a moment in the village's time zone.
pub(crate) fn local_date(time: DateTime<Utc>, zone: Timezone) -> chrono::NaiveDate {
    (time.naive_utc() + chrono::Duration::hours(zone.offset_hours())).date()
}
