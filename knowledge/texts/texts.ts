/**
 * The reply texts of one Kommune: the shipped texts with the Kommune's overrides, compiled. Built once per
 * load of the knowledge (and anew on a hot reload); the answer functions reach it through the tenant
 * (`tenant.texts`, `service.tenant.texts`).
 */
import type { TextArgs, TextId } from './catalog';
import { renderTemplate, type Template, type TemplateValues } from './template';

export class Texts {
  /** `templates`: every id of the catalogue (the loader guarantees it). */
  constructor(private readonly templates: ReadonlyMap<string, Template>) {}

  /** The text `id` with its placeholders filled: `render('gespraech.welcheLeistung', { frage })`. */
  render<Id extends TextId>(id: Id, ...args: TextArgs<Id>): string {
    const template = this.templates.get(id);
    if (!template) throw new Error(`text "${id}" is not loaded`);
    return renderTemplate(template, args[0] as TemplateValues | undefined);
  }

  /** The text as written, placeholders and all (for tests and tools). */
  source(id: TextId): string | undefined {
    return this.templates.get(id)?.source;
  }
}
