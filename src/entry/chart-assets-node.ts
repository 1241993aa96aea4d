import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RasteriserAssets } from '../services/reports/png-chart';

/** Node reads resvg's wasm and the Inter font (OFL) from node_modules; Workers import them as modules. */
export function readChartAssets(): RasteriserAssets {
  const require = createRequire(import.meta.url);
  return {
    wasm: readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
    font: readFileSync(require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf')),
    fontFamily: 'Inter',
  };
}
