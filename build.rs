//! Link the `bolwerk` binary with packed relative relocations (RELR): the dynamic
//! loader then reads a few kilobytes of relocations at start-up instead of about 10 MB,
//! which is resident memory every run pays (BENCHMARKS.md, "memory"). Only the final
//! link changes, so Bevy is not rebuilt. It needs GNU ld 2.38+ and glibc 2.36+, as on
//! Debian 12; elsewhere the flag is left out.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
