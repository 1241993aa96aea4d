import { initWasm, Resvg } from '@resvg/resvg-wasm';

/** Draws a server-side SVG chart as PNG, for mail clients that show no SVG. */
export interface ChartRasteriser {
  /** `zoom` 2 draws twice the SVG's size, for sharp text on high-density screens. */
  toPng(svg: string, opts?: { zoom?: number }): Promise<Uint8Array>;
}

export interface RasteriserAssets {
  /** resvg's wasm: the compiled module on Workers (a CompiledWasm import), the file's bytes on Node. */
  wasm: WebAssembly.Module | BufferSource;
  /** A TrueType font: the renderer sees no system fonts, so every text is drawn with this one. */
  font: Uint8Array;
  /** The font's family name, e.g. "Inter". */
  fontFamily: string;
}

// resvg-wasm keeps its instance in module state and refuses a second initWasm: one per isolate or process.
let ready: Promise<void> | null = null;

function init(wasm: RasteriserAssets['wasm']): Promise<void> {
  ready ??= initWasm(wasm).catch((err: unknown) => {
    // A failed start may be retried by the next digest instead of failing every one after it.
    ready = null;
    throw err;
  });
  return ready;
}

/**
 * The runtimes pass the assets' loader in (Node reads files, Workers import modules), so this file
 * reads nothing itself; it loads them on the first chart, not at start-up, since only the weekly
 * digest draws. Charts name Arial and sans-serif; both map to the one font given.
 */
export function createChartRasteriser(load: () => RasteriserAssets): ChartRasteriser {
  let loaded: RasteriserAssets | null = null;
  return {
    async toPng(svg, opts = {}) {
      loaded ??= load();
      const assets = loaded;
      await init(assets.wasm);
      const resvg = new Resvg(svg, {
        font: {
          fontBuffers: [assets.font],
          defaultFontFamily: assets.fontFamily,
          sansSerifFamily: assets.fontFamily,
          serifFamily: assets.fontFamily,
        },
        background: '#ffffff',
        fitTo: opts.zoom && opts.zoom !== 1 ? { mode: 'zoom', value: opts.zoom } : { mode: 'original' },
      });
      try {
        const image = resvg.render();
        try {
          return image.asPng();
        } finally {
          image.free();
        }
      } finally {
        resvg.free();
      }
    },
  };
}
