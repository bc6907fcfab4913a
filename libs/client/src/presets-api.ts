import {
  presetListSchema,
  presetSchema,
  type Preset,
  type PresetInput,
} from '@fleetpush/contracts';
import { segment, type HttpTransport } from './http-transport';

/** Presets per OS model (`/presets`): read as a viewer, written as an operator. */
export class PresetsApi {
  constructor(private readonly http: HttpTransport) {}

  /** Every preset, by OS model then name; `os_model` keeps one model's (aliases normalised). */
  async list(query: { readonly os_model?: string } = {}): Promise<Preset[]> {
    const page = await this.http.json(
      { method: 'GET', path: '/presets', query: { os_model: query.os_model } },
      presetListSchema,
    );
    return page.items;
  }

  /** One preset by id (404 `not_found`). */
  get(id: string): Promise<Preset> {
    return this.http.json({ method: 'GET', path: `/presets/${segment(id)}` }, presetSchema);
  }

  /** Stores a preset (201); 409 `conflict` when the name is taken within its OS model. */
  create(input: PresetInput): Promise<Preset> {
    return this.http.json({ method: 'POST', path: '/presets', body: input }, presetSchema);
  }

  /** Replaces the whole preset (`PUT`): fields left out take their defaults. */
  replace(id: string, input: PresetInput): Promise<Preset> {
    return this.http.json(
      { method: 'PUT', path: `/presets/${segment(id)}`, body: input },
      presetSchema,
    );
  }

  /** Deletes a preset (404 when there is none). */
  delete(id: string): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: `/presets/${segment(id)}` });
  }
}
