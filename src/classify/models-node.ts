/**
 * Loads the shipped default models from models/ on Node (the service itself never touches the
 * file system: on Workers the same files are imported as modules and passed to loadModels).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClassifierModels, loadModels, type ModelFiles } from './model-classifier.js';

export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

export const DEFAULT_MODEL_FILES = {
  sentimentEn: 'sentiment-en.bin',
  sentimentFr: 'sentiment-fr.bin',
} as const;

/** The default model files' bytes; a missing file is simply absent (its task falls back to rules). */
export function readDefaultModelFiles(dir = DEFAULT_MODELS_DIR): ModelFiles {
  const files: ModelFiles = {};
  for (const [key, name] of Object.entries(DEFAULT_MODEL_FILES) as [
    keyof typeof DEFAULT_MODEL_FILES,
    string,
  ][]) {
    const path = join(dir, name);
    if (existsSync(path)) files[key] = readFileSync(path);
  }
  return files;
}

export function loadDefaultModels(dir = DEFAULT_MODELS_DIR): ClassifierModels {
  return loadModels(readDefaultModelFiles(dir));
}
