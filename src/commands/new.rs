//! `bolwerk new`: a small session to start from, written to a file (see
//! `scenario::starter`).

use std::path::PathBuf;

use clap::Args;

use crate::failure::Failure;
use crate::i18n::Lang;
use crate::output::{PendingFile, check_target, has_extension};
use crate::scenario::starter::starter;

/// `bolwerk new`.
#[derive(Debug, Clone, Args)]
pub struct NewArgs {
    /// Where to write the session: FILE.ron.
    #[arg(value_name = "SESSION.ron")]
    pub out: PathBuf,
    /// Its languages, in order (the first is the one it starts in elsewhere).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LANGS", default_values_t = [Lang::EN, Lang::NL])]
    pub lang: Vec<Lang>,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// Writes the session.
pub fn run(args: &NewArgs) -> Result<(), Failure> {
    if !has_extension(&args.out, &["ron"]) {
        return Err(Failure::Input(format!(
            "{}: a session is a .ron file",
            args.out.display()
        )));
    }
    let mut langs: Vec<Lang> = Vec::new();
    for &lang in &args.lang {
        if !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    if let Some(lang) = langs.iter().find(|l| !l.compiled()) {
        return Err(Failure::Input(format!(
            "--lang {lang}: bolwerk new writes only the built-in languages ({}): run it without {lang}, then add the {lang} texts beside theirs",
            crate::i18n::lang_codes(
                &Lang::all()
                    .iter()
                    .copied()
                    .filter(|l| l.compiled())
                    .collect::<Vec<_>>()
            )
        )));
    }
    check_target(&args.out, args.force, "SESSION.ron")?;
    PendingFile::create(&args.out, ".partial", "SESSION.ron")?
        .write_all(starter(&langs).as_bytes())?;
    println!(
        "wrote {}: bolwerk present {} runs it",
        args.out.display(),
        args.out.display()
    );
    Ok(())
}
