import { strict as assert } from 'node:assert';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge, formatProblem, type KnowledgeBase } from '../../knowledge/loader';
import { TEXT_CATALOG, type TextAreaId } from '../../knowledge/texts/catalog';
import { compileTemplate, renderTemplate, TemplateSyntaxError } from '../../knowledge/texts/template';
import type { Texts } from '../../knowledge/texts/texts';
import { FIXTURES, KNOWLEDGE_DIR, ROOT } from '../helpers/paths';

describe('reply texts (knowledge/texte)', () => {
  describe('templates', () => {
    const render = (source: string, values: Record<string, string | number | undefined> = {}): string =>
      renderTemplate(compileTemplate(source), values);

    it('fills placeholders, numbers included', () => {
      assert.equal(
        render('Checkliste mit {anzahl} Unterlagen für {leistung}.', { anzahl: 3, leistung: 'Reisepass' }),
        'Checkliste mit 3 Unterlagen für Reisepass.',
      );
    });

    it('shows a {?name:…} part only when the value is not empty, spaces as written', () => {
      const source = 'zuständig{?ort: für {ort}}: die {verwaltung}.';
      assert.equal(
        render(source, { ort: 'Wasbüttel', verwaltung: 'Samtgemeinde Isenbüttel' }),
        'zuständig für Wasbüttel: die Samtgemeinde Isenbüttel.',
      );
      assert.equal(render(source, { ort: '', verwaltung: 'Samtgemeinde Isenbüttel' }), 'zuständig: die Samtgemeinde Isenbüttel.');
      assert.equal(render(source, { ort: undefined, verwaltung: 'X' }), 'zuständig: die X.');
    });

    it('lists every placeholder, those of conditions too, and keeps "{{" and "}}" as braces', () => {
      const t = compileTemplate('{amt}{?telefon:, Telefon {telefon}} {{nicht}}');
      assert.deepEqual([...t.placeholders].sort(), ['amt', 'telefon']);
      assert.equal(renderTemplate(t, { amt: 'Bürgerbüro', telefon: '' }), 'Bürgerbüro {nicht}');
    });

    it('rejects a broken placeholder or condition with a message an editor understands', () => {
      for (const source of ['Guten {Tag', 'Guten Tag}', '{?ort für {ort}}', '{?ort: für {ort}', '{1x}', '{}']) {
        assert.throws(() => compileTemplate(source), TemplateSyntaxError, source);
      }
    });

    it('renders a text without placeholders without building anything', () => {
      const t = compileTemplate('Auf Wiedersehen!');
      assert.equal(t.parts.length, 1);
      assert.equal(renderTemplate(t), 'Auf Wiedersehen!');
    });
  });

  describe('the shipped texts', () => {
    let kb: KnowledgeBase;
    before(() => {
      const r = loadKnowledge(KNOWLEDGE_DIR, ROOT);
      assert.ok(r.ok, r.ok ? '' : r.problems.map(formatProblem).join('\n'));
      kb = r.knowledge;
    });

    it('has every text of the catalogue, for every Kommune', () => {
      for (const tenant of kb.tenants.values()) {
        for (const [area, spec] of Object.entries(TEXT_CATALOG)) {
          for (const key of Object.keys(spec.texte)) {
            assert.ok(tenant.texts.source(`${area}.${key}` as never), `${tenant.id}: ${area}.${key}`);
          }
        }
      }
    });

    it('is typed by the catalogue: an unknown id or a missing or unknown placeholder does not compile', () => {
      const t: Texts = kb.tenants.get('wolfsburg')!.texts;
      assert.equal(t.render('gespraech.welcheLeistung', { frage: 'Gern.' }), 'Gern. Um welche Leistung geht es?');
      const typeChecks = (): void => {
        // @ts-expect-error an id that is not in the catalogue
        t.render('gespraech.begruesung');
        // @ts-expect-error a text with placeholders needs its values
        t.render('gespraech.welcheLeistung');
        // @ts-expect-error a placeholder the text does not have
        t.render('gespraech.welcheLeistung', { frage: 'x', name: 'y' });
        // @ts-expect-error a text without placeholders takes no values
        t.render('gespraech.abschied', { name: 'x' });
      };
      assert.equal(typeof typeChecks, 'function');
    });

    it('every text of the catalogue is used by the code (no dead text)', () => {
      const sources: string[] = [];
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.isDirectory()) walk(join(dir, entry.name));
          else if (entry.name.endsWith('.ts')) sources.push(readFileSync(join(dir, entry.name), 'utf8'));
        }
      };
      for (const dir of ['dialogs', 'bot', 'knowledge']) walk(join(ROOT, dir));
      const code = sources.join('\n');
      const unused: string[] = [];
      for (const [area, spec] of Object.entries(TEXT_CATALOG) as [TextAreaId, { texte: Record<string, unknown> }][]) {
        // An area read by a computed key (`facetten.${facet}`) is used as a whole.
        if (code.includes(`\`${area}.\${`)) continue;
        for (const key of Object.keys(spec.texte)) if (!code.includes(`'${area}.${key}'`)) unused.push(`${area}.${key}`);
      }
      assert.deepEqual(unused, []);
    });
  });

  describe('validation with line-precise errors', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'texts-'));
      cpSync(join(FIXTURES, 'knowledge-min'), dir, { recursive: true });
      cpSync(join(KNOWLEDGE_DIR, 'texte'), join(dir, 'texte'), { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function edit(file: string, from: string, to: string): void {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.includes(from), `${file} lacks "${from}"`);
      writeFileSync(path, text.replace(from, to));
    }
    const lineOf = (file: string, needle: string): number =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(needle)) + 1;
    function problems(): string[] {
      const r = loadKnowledge(dir, dir);
      return r.ok ? [] : r.problems.map(formatProblem);
    }
    function knowledge(): KnowledgeBase {
      const r = loadKnowledge(dir, dir);
      assert.ok(r.ok, r.ok ? '' : r.problems.map(formatProblem).join('\n'));
      return r.knowledge;
    }

    it('accepts the shipped texts in a folder of its own, and reads an edit from there', () => {
      assert.deepEqual(problems(), []);
      edit('texte/de/gespraech.yaml', 'Gern geschehen!', 'Sehr gern!');
      assert.match(knowledge().tenants.get('musterstadt')!.texts.render('gespraech.abschied'), /^Sehr gern! Wenn Sie/);
    });

    it('uses the shipped texts for a knowledge folder without texte/', () => {
      rmSync(join(dir, 'texte'), { recursive: true });
      assert.deepEqual(problems(), []);
      assert.match(knowledge().tenants.get('musterstadt')!.texts.render('gespraech.abschied'), /^Gern geschehen!/);
    });

    it('reports broken YAML with its line', () => {
      appendFileSync(join(dir, 'texte/de/gespraech.yaml'), 'kaputt: "nicht geschlossen\n');
      const p = problems();
      assert.ok(p.length >= 1);
      assert.match(p[0], /^texte\/de\/gespraech\.yaml:\d+: YAML syntax: /);
    });

    it('reports an unknown text at its line', () => {
      edit('texte/de/gespraech.yaml', 'abschied:', 'abschiedd:');
      const line = lineOf('texte/de/gespraech.yaml', 'abschiedd:');
      const p = problems();
      assert.ok(
        p.some((x) => x.startsWith(`texte/de/gespraech.yaml:${line}: abschiedd: unknown text`)),
        p.join('\n'),
      );
      assert.ok(p.includes('texte/de/gespraech.yaml:1: abschied: missing (the assistant uses this text)'), p.join('\n'));
    });

    it('reports a placeholder the code does not supply, and one the text lacks, at the line of the text', () => {
      edit('texte/de/gespraech.yaml', '{frage} Um welche', '{fragen} Um welche');
      const line = lineOf('texte/de/gespraech.yaml', '{fragen} Um welche');
      assert.deepEqual(problems(), [
        `texte/de/gespraech.yaml:${line}: welcheLeistung: unknown placeholder {fragen} (this text has {frage})`,
        `texte/de/gespraech.yaml:${line}: welcheLeistung: placeholder {frage} is missing (the fact the assistant fills in there)`,
      ]);
    });

    it('reports a placeholder in a text that has none', () => {
      edit('texte/de/gespraech.yaml', 'Auf Wiedersehen!', 'Auf Wiedersehen, {name}!');
      const line = lineOf('texte/de/gespraech.yaml', 'Auf Wiedersehen, {name}!');
      assert.deepEqual(problems(), [`texte/de/gespraech.yaml:${line}: abschied: unknown placeholder {name} (this text has none)`]);
    });

    it('reports a broken placeholder, an empty text and a text that is not one', () => {
      edit('texte/de/gespraech.yaml', '{frage} Um welche', '{frage Um welche');
      edit('texte/de/sprache.yaml', 'unklar: "Wie kann', 'unklar: ""\nx: "Wie kann');
      const p = problems();
      assert.ok(
        p.some((x) => /^texte\/de\/gespraech\.yaml:\d+: welcheLeistung: a placeholder is written \{name\}/.test(x)),
        p.join('\n'),
      );
      assert.ok(
        p.some((x) => /^texte\/de\/sprache\.yaml:\d+: unklar: must not be empty/.test(x)),
        p.join('\n'),
      );
      edit('texte/de/sprache.yaml', 'unklar: ""', 'unklar: [eins, zwei]');
      assert.ok(
        problems().some((x) => /^texte\/de\/sprache\.yaml:\d+: unklar: must be a text/.test(x)),
        problems().join('\n'),
      );
    });

    it('reports an unknown area file and a missing one', () => {
      writeFileSync(join(dir, 'texte/de/begruessung.yaml'), 'hallo: "Hallo"\n');
      rmSync(join(dir, 'texte/de/daten-loeschen.yaml'));
      const p = problems();
      assert.ok(
        p.some((x) => x.startsWith('texte/de/begruessung.yaml:1: unknown text area "begruessung"')),
        p.join('\n'),
      );
      assert.ok(
        p.some((x) => x.startsWith('texte/de/daten-loeschen.yaml:1: file is missing')),
        p.join('\n'),
      );
    });

    it('checks a translation under way without requiring it complete', () => {
      writeFileSync(join(dir, 'texte/en/gespraech.yaml'), 'abschied: "You are welcome!"\nwelcheLeistung: "{question} Which service?"\n');
      assert.deepEqual(problems(), [
        'texte/en/gespraech.yaml:2: welcheLeistung: unknown placeholder {question} (this text has {frage})',
        'texte/en/gespraech.yaml:2: welcheLeistung: placeholder {frage} is missing (the fact the assistant fills in there)',
      ]);
    });

    describe("a Kommune's own texts (texte: in its tenant file)", () => {
      const tenantFile = 'tenants/musterstadt.yaml';
      const addTexts = (yaml: string): void => appendFileSync(join(dir, tenantFile), `texte:\n${yaml}`);

      it('replace the shipped text for that Kommune only', () => {
        addTexts('  gespraech.abschied: "Tschüss aus Musterstadt!"\n  gespraech.welcheLeistung: "{frage} Welche Leistung meinen Sie?"\n');
        const texts = knowledge().tenants.get('musterstadt')!.texts;
        assert.equal(texts.render('gespraech.abschied'), 'Tschüss aus Musterstadt!');
        assert.equal(texts.render('gespraech.welcheLeistung', { frage: 'Gern.' }), 'Gern. Welche Leistung meinen Sie?');
        assert.match(texts.render('gespraech.nichtVerstanden'), /^Das habe ich leider nicht sicher verstanden/);
      });

      it('report an unknown id, a wrong placeholder and a button at their lines', () => {
        addTexts(
          [
            '  gespraech.abschiedd: "Tschüss!"',
            '  gespraech.welcheLeistung: "{leistung}?"',
            '  schaltflaechen.kosten: "Preise"',
            '  begruessung: "Moin!"',
            '',
          ].join('\n'),
        );
        const at = (needle: string): string => `${tenantFile}:${lineOf(tenantFile, needle)}`;
        const p = problems();
        assert.ok(
          p.some((x) => x.startsWith(`${at('abschiedd')}: texte.gespraech.abschiedd: unknown text`)),
          p.join('\n'),
        );
        assert.ok(
          p.includes(`${at('{leistung}?')}: texte.gespraech.welcheLeistung: unknown placeholder {leistung} (this text has {frage})`),
          p.join('\n'),
        );
        assert.ok(
          p.some((x) => x.startsWith(`${at('Preise')}: texte.schaltflaechen.kosten: a button title cannot be changed`)),
          p.join('\n'),
        );
        assert.ok(
          p.some((x) => x.startsWith(`${at('Moin!')}: texte.begruessung: unknown text`)),
          p.join('\n'),
        );
      });
    });
  });
});
