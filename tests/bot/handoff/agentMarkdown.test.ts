/**
 * The console's Markdown renderer (web/agent/markdown.js), its pure parser run in Node: the assistant's Markdown
 * becomes strong, em, links and lists; HTML, images, scripts and unsafe link targets stay text. The DOM side is
 * checked in Chromium (tests/browser/handoff.browser.test.ts).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { ROOT } from '../../helpers/paths';

type Inline =
  { type: 'text'; text: string } | { type: 'strong' | 'em'; children: Inline[] } | { type: 'link'; href: string; children: Inline[] };
type Block = { type: 'paragraph'; lines: Inline[][] } | { type: 'list'; ordered: boolean; items: Inline[][] };
interface AgentMarkdown {
  parse(text: string): Block[];
  parseInline(text: string): Inline[];
}

// A classic browser script, run as the browser would: it puts its API on the global object.
const SCRIPT = join(ROOT, 'web', 'agent', 'markdown.js');
runInThisContext(readFileSync(SCRIPT, 'utf8'), { filename: SCRIPT });
const markdown = (globalThis as unknown as { AgentMarkdown: AgentMarkdown }).AgentMarkdown;

/** The text a node list shows, as the DOM would (textContent). */
const shown = (nodes: Inline[]): string => nodes.map((n) => (n.type === 'text' ? n.text : shown(n.children))).join('');
/** Every node of a list, depth first. */
const all = (nodes: Inline[]): Inline[] => nodes.flatMap((n) => (n.type === 'text' ? [n] : [n, ...all(n.children)]));

describe('agent console Markdown (web/agent/markdown.js)', () => {
  it("renders the assistant's bold, italic, links and lists", () => {
    assert.deepEqual(markdown.parseInline('Für **Reisepass beantragen** zahlen Sie *etwa* 70,00 Euro.'), [
      { type: 'text', text: 'Für ' },
      { type: 'strong', children: [{ type: 'text', text: 'Reisepass beantragen' }] },
      { type: 'text', text: ' zahlen Sie ' },
      { type: 'em', children: [{ type: 'text', text: 'etwa' }] },
      { type: 'text', text: ' 70,00 Euro.' },
    ]);
    assert.deepEqual(markdown.parseInline('Quelle: [Stadt Wolfsburg](https://www.wolfsburg.de/pass), Stand 01.11.2026'), [
      { type: 'text', text: 'Quelle: ' },
      { type: 'link', href: 'https://www.wolfsburg.de/pass', children: [{ type: 'text', text: 'Stadt Wolfsburg' }] },
      { type: 'text', text: ', Stand 01.11.2026' },
    ]);
    const blocks = markdown.parse(
      '**Personalausweis** – das bringen Sie mit:\n- Foto\n- alter Ausweis\n\n1. Termin\n2. Antrag\n\nZeile eins  \nZeile zwei',
    );
    assert.deepEqual(
      blocks.map((b) =>
        b.type === 'list' ? `${b.ordered ? 'ol' : 'ul'}:${b.items.map(shown).join('|')}` : `p:${b.lines.map(shown).join('|')}`,
      ),
      ['p:Personalausweis – das bringen Sie mit:', 'ul:Foto|alter Ausweis', 'ol:Termin|Antrag', 'p:Zeile eins|Zeile zwei'],
    );
  });

  it('keeps HTML, images, scripts and unsafe links as literal text', () => {
    const hostile = [
      '<img src=x onerror="alert(1)">',
      '<h1>Überschrift</h1><script>alert(1)</script>',
      '![Bild](https://evil.example/x.png)',
      '[Klick](javascript:alert(1))',
      '[Klick](data:text/html,<b>x</b>)',
      '[Klick](//evil.example)',
      '**<b onmouseover=alert(1)>fett</b>**',
    ];
    for (const text of hostile) {
      const nodes = markdown
        .parse(text)
        .flatMap((b) => (b.type === 'list' ? b.items : b.lines))
        .flat();
      const links = all(nodes).filter((n) => n.type === 'link');
      assert.deepEqual(links, [], `no link in ${text}`);
      assert.ok(shown(nodes).includes('<') || shown(nodes).includes('['), `the markup stays visible text: ${text}`);
    }
    assert.equal(shown(markdown.parseInline('<img src=x onerror="alert(1)">')), '<img src=x onerror="alert(1)">');
    assert.equal(shown(markdown.parseInline('![Bild](https://evil.example/x.png)')), '![Bild](https://evil.example/x.png)');
    assert.equal(shown(markdown.parseInline('[Klick](javascript:alert(1))')), '[Klick](javascript:alert(1))');
  });

  it('leaves single stars, underscores in words and unbalanced markers alone', () => {
    for (const text of ['3 * 4 = 12', 'datei_name_v2.pdf', '**offen', 'Preis: 5 € *', '*  *']) {
      assert.deepEqual(markdown.parseInline(text), [{ type: 'text', text }], text);
    }
  });

  it('allows only http(s), mailto and tel links', () => {
    for (const href of ['https://www.gifhorn.de', 'http://example.org/a?b=c', 'mailto:buergerbuero@gifhorn.de', 'tel:+495371820']) {
      assert.deepEqual(
        all(markdown.parseInline(`[x](${href})`))
          .filter((n) => n.type === 'link')
          .map((n) => (n as { href: string }).href),
        [href],
      );
    }
  });
});
