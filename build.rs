//! The release pipeline splits the app's wasm into lazily loaded pages (`scripts/split-wasm.mjs`);
//! the splitter needs the linker's relocations to move functions between modules.
fn main() {
    // Without this, any file of the package changing (a README edit during a build) would run
    // the script again and recompile the whole crate.
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=crm=--emit-relocs");
    }
}
