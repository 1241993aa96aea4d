// natural ships no types for its single-file modules; the package entry would pull storage
// back-ends into the Workers bundle, so only the word lists are imported.
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/util/stopwords_fr.js' {
  export const words: string[];
}
