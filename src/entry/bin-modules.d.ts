/** Binary files bundled by wrangler as Data modules (see wrangler.toml). */
declare module '*.bin' {
  const data: ArrayBuffer;
  export default data;
}
