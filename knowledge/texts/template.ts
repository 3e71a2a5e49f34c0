/**
 * A reply text with placeholders, compiled once when the knowledge is loaded so that rendering a reply is a
 * join of ready parts, never a parse.
 *
 * Syntax (knowledge/README.md, "Texte"):
 * - `{name}`: the fact the code supplies under that name.
 * - `{?name:…}`: the part after the colon only when `name` is not empty (it may use `{name}` and other
 *   placeholders itself): "zuständig{?ort: für {ort}}". The part is taken exactly, spaces included.
 * - `{{` and `}}`: a literal brace.
 */

/** A compiled part: literal text, a placeholder, or a part shown only when a placeholder has a value. */
export type TemplatePart = string | { name: string } | { when: string; parts: TemplatePart[] };

export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** Every placeholder the text uses, conditions included. */
  readonly placeholders: ReadonlySet<string>;
}

export type TemplateValues = Readonly<Record<string, string | number | undefined>>;

/** A syntax error at a character offset of the text. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export function compileTemplate(source: string): Template {
  const placeholders = new Set<string>();
  let i = 0;

  // Reads parts until the end of the text, or until the `}` that closes a condition (when nested).
  const readParts = (nested: boolean): TemplatePart[] => {
    const parts: TemplatePart[] = [];
    let literal = '';
    const flush = (): void => {
      if (literal) parts.push(literal);
      literal = '';
    };
    while (i < source.length) {
      const c = source[i];
      if (c === '{' && source[i + 1] === '{') {
        literal += '{';
        i += 2;
      } else if (c === '}' && source[i + 1] === '}' && !nested) {
        literal += '}';
        i += 2;
      } else if (c === '}') {
        if (!nested) throw new TemplateSyntaxError('"}" without "{" (write "}}" for a brace)', i);
        flush();
        i++;
        return parts;
      } else if (c === '{') {
        const start = i;
        if (source[i + 1] === '?') {
          const colon = source.indexOf(':', i);
          const name = colon < 0 ? '' : source.slice(i + 2, colon);
          if (!NAME.test(name)) throw new TemplateSyntaxError('a condition is written {?name:text}', start);
          i = colon + 1;
          placeholders.add(name);
          flush();
          const inner = readParts(true);
          if (source[i - 1] !== '}') throw new TemplateSyntaxError(`the condition {?${name}:…} is not closed with "}"`, start);
          parts.push({ when: name, parts: inner });
        } else {
          const close = source.indexOf('}', i);
          const name = close < 0 ? '' : source.slice(i + 1, close);
          if (!NAME.test(name))
            throw new TemplateSyntaxError(`a placeholder is written {name}${close < 0 ? ' ("}" is missing)' : ''}`, start);
          placeholders.add(name);
          flush();
          parts.push({ name });
          i = close + 1;
        }
      } else {
        literal += c;
        i++;
      }
    }
    if (nested) throw new TemplateSyntaxError('a condition {?name:…} is not closed with "}"', source.length);
    flush();
    return parts;
  };

  const parts = readParts(false);
  return { source, parts, placeholders };
}

const present = (v: string | number | undefined): boolean => v !== undefined && v !== '';

function renderParts(parts: readonly TemplatePart[], values: TemplateValues): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if ('name' in p) out += values[p.name] ?? '';
    else if (present(values[p.when])) out += renderParts(p.parts, values);
  }
  return out;
}

export function renderTemplate(t: Template, values: TemplateValues = {}): string {
  // Most texts are one literal or one literal around a fact: no array work for those.
  if (t.parts.length === 1 && typeof t.parts[0] === 'string') return t.parts[0];
  return renderParts(t.parts, values);
}
