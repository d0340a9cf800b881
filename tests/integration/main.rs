//! The one integration-test binary: every test runs the real `pantau`
//! binary in a fresh temporary folder (see `harness`).

mod harness;

mod audit;
mod broken;
mod browser;
mod district;
mod edges;
mod explain;
mod flavours;
mod generate;
mod glossary;
mod indicators;
mod init;
mod layers;
mod notice;
mod outputs;
mod reports;
mod rules;
mod scale;
mod simulate;
mod training_only;
mod validate;
