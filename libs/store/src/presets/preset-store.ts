import { randomUUID } from 'node:crypto';
import { presetSchema, type Preset } from '@fleetpush/contracts';
import type { Platform } from '@fleetpush/domain';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis-keys';
import { PresetStoreError, PresetStoreErrorCode } from './errors';

/** A preset's content, as {@link PresetStore.create} and {@link PresetStore.replace} take it. */
export type PresetContent = Omit<Preset, 'id' | 'created_at' | 'updated_at' | 'updated_by'>;

/**
 * Writes one preset and its name index (KEYS: items, names; ARGV: id, name key, JSON, mode).
 * Mode `create` refuses an existing id; `replace` needs one and frees its old name. Returns
 * 1 written, 0 no such preset (replace), -1 the name belongs to another preset.
 */
const WRITE_LUA = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[4] == 'replace' and not current then return 0 end
local owner = redis.call('HGET', KEYS[2], ARGV[2])
if owner and owner ~= ARGV[1] then return -1 end
if current then
  local old = cjson.decode(current)
  redis.call('HDEL', KEYS[2], old.os_model .. '\\n' .. old.name)
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`;

/** Deletes one preset and its name (KEYS: items, names; ARGV: id). Returns 1, or 0 if absent. */
const DELETE_LUA = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local old = cjson.decode(current)
redis.call('HDEL', KEYS[2], old.os_model .. '\\n' .. old.name)
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
`;

function nameKey(osModel: Platform, name: string): string {
  return `${osModel}\n${name.toLowerCase()}`;
}

/**
 * Presets per OS model (commands, verify commands and run settings to start a job from), in
 * two hashes under the hash tag `{presets}`: id → JSON, and `<os_model>\n<name>` → id. Names
 * are unique per OS model, case-insensitively; every write is one Lua script.
 */
export class PresetStore {
  private readonly now: () => Date;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<RedisKeys, 'presets' | 'presetNames'>,
    options: { readonly now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Stores a new preset; throws `preset_name_taken` when its model has one of that name. */
  async create(content: PresetContent, actor: string): Promise<Preset> {
    const at = this.now().toISOString();
    const preset = {
      ...content,
      id: randomUUID(),
      created_at: at,
      updated_at: at,
      updated_by: actor,
    };
    await this.write(preset, 'create');
    return preset;
  }

  /** Replaces a preset's content; `undefined` when there is no such preset. */
  async replace(id: string, content: PresetContent, actor: string): Promise<Preset | undefined> {
    const current = await this.get(id);
    if (!current) return undefined;
    const preset = {
      ...content,
      id,
      created_at: current.created_at,
      updated_at: this.now().toISOString(),
      updated_by: actor,
    };
    return (await this.write(preset, 'replace')) ? preset : undefined;
  }

  /** One preset, or `undefined`. */
  async get(id: string): Promise<Preset | undefined> {
    const raw = await this.redis.hget(this.keys.presets, id);
    return raw === null ? undefined : this.parse(raw);
  }

  /** Every preset (of one OS model, if given), by model then name. */
  async list(osModel?: Platform): Promise<Preset[]> {
    const all = Object.values(await this.redis.hgetall(this.keys.presets)).map((raw) =>
      this.parse(raw),
    );
    return all
      .filter((p) => osModel === undefined || p.os_model === osModel)
      .sort((a, b) => a.os_model.localeCompare(b.os_model) || a.name.localeCompare(b.name));
  }

  /** Deletes a preset; false when there was none. */
  async delete(id: string): Promise<boolean> {
    return (
      (await this.redis.eval(DELETE_LUA, 2, this.keys.presets, this.keys.presetNames, id)) === 1
    );
  }

  private async write(preset: Preset, mode: 'create' | 'replace'): Promise<boolean> {
    const reply = (await this.redis.eval(
      WRITE_LUA,
      2,
      this.keys.presets,
      this.keys.presetNames,
      preset.id,
      nameKey(preset.os_model, preset.name),
      JSON.stringify(preset),
      mode,
    )) as number;
    if (reply === -1) {
      throw new PresetStoreError(
        PresetStoreErrorCode.nameTaken,
        `a ${preset.os_model} preset named "${preset.name}" exists already`,
        preset.name,
      );
    }
    return reply === 1;
  }

  private parse(raw: string): Preset {
    const parsed = presetSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
    throw new PresetStoreError(
      PresetStoreErrorCode.corruptRecord,
      'a stored preset is damaged',
      undefined,
      {
        cause: parsed.error,
      },
    );
  }
}
