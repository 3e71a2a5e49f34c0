// natural has no `exports` map, and requiring its index loads storage plugins that print to stdout
// (see DESIGN.md); we import the few modules we use directly, typed here.
declare module 'natural/lib/natural/stemmers/porter_stemmer_de' {
  const PorterStemmerDe: { stem(token: string): string };
  export = PorterStemmerDe;
}
declare module 'natural/lib/natural/distance/jaro-winkler_distance' {
  function JaroWinklerDistance(s1: string, s2: string, options?: { ignoreCase?: boolean }): number;
  export = JaroWinklerDistance;
}
declare module 'natural/lib/natural/trie/trie' {
  class Trie {
    constructor(caseSensitive?: boolean);
    addString(s: string): boolean;
    addStrings(list: string[]): void;
    contains(s: string): boolean;
    findMatchesOnPath(s: string): string[];
    keysWithPrefix(prefix: string): string[];
    getSize(): number;
  }
  export = Trie;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  /** The apparatus Bayes model natural wraps: counts per class and feature. */
  interface ApparatusBayes {
    classFeatures: Record<string, Record<string, number>>;
    classTotals: Record<string, number>;
    totalExamples: number;
    smoothing: number;
    addExample(observation: Record<string, string> | number[], label: string): void;
  }
  class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    classifier: ApparatusBayes;
  }
  export = BayesClassifier;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(word: string): string };
  export = PorterStemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_ru' {
  const PorterStemmerRu: { stem(word: string): string };
  export = PorterStemmerRu;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer_uk' {
  const PorterStemmerUk: { stem(word: string): string };
  export = PorterStemmerUk;
}
