//! `bolwerk page`: the take-home page as one self-contained HTML file, for a course
//! site or an e-mail (see `report::take_home`).

use std::path::PathBuf;

use clap::Args;

use super::ModelArgs;
use crate::failure::Failure;
use crate::i18n::Lang;
use crate::output::{PendingFile, check_target, has_extension};
use crate::report::take_home;

/// `bolwerk page`.
#[derive(Debug, Clone, Args)]
pub struct PageArgs {
    /// Where to write the page: FILE.html.
    #[arg(long, value_name = "FILE.html")]
    pub out: PathBuf,
    /// The page's language.
    #[arg(long, value_enum, default_value_t = Lang::EN)]
    pub lang: Lang,
    /// A RON file of the model's parameters (see assets/params/), the sphere's: the
    /// curve is the model's exact expectation for them, not a run.
    #[arg(long, value_name = "FILE.ron")]
    pub params: Option<PathBuf>,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Writes the page.
pub fn run(args: &PageArgs) -> Result<(), Failure> {
    if !has_extension(&args.out, &["html", "htm"]) {
        return Err(Failure::Input(format!(
            "--out {}: the name must end in .html (or .htm)",
            args.out.display()
        )));
    }
    let params = ModelArgs {
        params: args.params.clone(),
        ..ModelArgs::default()
    }
    .load()?;
    check_target(&args.out, args.force, "--out")?;
    let page =
        take_home::page(args.lang, &params, take_home::Delivery::File).map_err(Failure::Input)?;
    PendingFile::create(&args.out, ".partial", "--out")?.write_all(page.as_bytes())?;
    println!("wrote {}", args.out.display());
    Ok(())
}
