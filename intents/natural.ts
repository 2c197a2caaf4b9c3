import { createRequire } from 'node:module';
// Types from the sub-folders' declarations: the package's root index.d.ts drags in a .ts
// source file that does not compile under this repo's verbatimModuleSyntax.
import type { BayesClassifier as BayesClassifierType } from 'natural/lib/natural/classifiers/index.js';
import type { DamerauLevenshteinDistance as DLType, JaroWinklerDistance as JWType } from 'natural/lib/natural/distance/index.js';
import type { PorterStemmer as PorterStemmerType } from 'natural/lib/natural/stemmers/index.js';

/**
 * The parts of `natural` the classifier uses, loaded by their own module paths. Importing the
 * package root costs ~650 ms (it loads every storage backend, WordNet, POS taggers and runs
 * dotenv); these four files load in ~30 ms, which keeps the bot's cold start under budget.
 * The types still come from the package's own declarations.
 */
const require = createRequire(import.meta.url);
const root = 'natural/lib/natural';

export const PorterStemmer = require(`${root}/stemmers/porter_stemmer.js`) as typeof PorterStemmerType;
// The two distance files, not the folder's index, which loads every distance there is.
const levenshtein = require(`${root}/distance/levenshtein_distance.js`) as { DamerauLevenshteinDistance: typeof DLType };
export const DamerauLevenshteinDistance = levenshtein.DamerauLevenshteinDistance;
export const JaroWinklerDistance = require(`${root}/distance/jaro-winkler_distance.js`) as typeof JWType;
export const BayesClassifier = require(`${root}/classifiers/bayes_classifier.js`) as typeof BayesClassifierType;
