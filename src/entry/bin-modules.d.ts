/** Binary files bundled by wrangler as Data modules (see wrangler.toml). */
declare module '*.bin' {
  const data: ArrayBuffer;
  export default data;
}

/** The Inter font for the digest's PNG charts, a Data module on Workers. */
declare module '*.ttf' {
  const data: ArrayBuffer;
  export default data;
}

/** resvg's wasm, a CompiledWasm module on Workers. */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
