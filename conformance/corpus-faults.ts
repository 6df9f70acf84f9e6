/**
 * Corpus files on which folio check disagrees with the file's name and the disagreement is judged
 * to be the corpus's, each with the reason (file name → reason). Every entry was checked by
 * reading the file's objects, not only its outline.
 */
export const CORPUS_FAULTS: Record<string, string> = {};
