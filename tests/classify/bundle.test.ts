import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The classifier runs in Cloudflare Workers and browsers too: it must bundle without Node built-ins.
describe('browser and Workers bundle', () => {
  it('bundles for a neutral platform with no Node built-in', async () => {
    const result = await build({
      entryPoints: ['src/classify/index.ts'],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => path.startsWith('node:') || /dotenv|storage/.test(path))).toEqual([]);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/\bfrom\s+["'](?:node:|fs|path|os|crypto|http)["']/);
    expect(code).not.toMatch(/\brequire\(["']/);
    // Lexicons, profiles and the two stemmers: a size that is fine for a Worker.
    expect(code.length).toBeLessThan(250_000);
  });
});
