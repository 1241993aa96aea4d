/** Courtesy words: sincere thanks after help, mere politeness inside a question. */
export const POLITENESS = 'merci please svp stp thanks thank thx ty cheers remercie';
