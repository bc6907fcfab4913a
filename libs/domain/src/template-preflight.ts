import { type DeviceKey } from './device-key';
import { err, ok, type Result } from './result';
import {
  compileTemplate,
  renderTemplate,
  type CompiledTemplate,
  type TemplateRenderError,
} from './template';
import { type TemplateScope } from './template-scope';

/** Which list of a job a template line belongs to. */
export const TemplatePart = {
  /** The configuration lines applied in config mode. */
  commands: 'commands',
  /** The pre/post-check commands run in exec mode (templated too, unlike the seed system). */
  verify: 'verify',
} as const;

/** A template part. */
export type TemplatePart = (typeof TemplatePart)[keyof typeof TemplatePart];

/** One device to preflight. */
export interface TemplatePreflightDevice {
  readonly deviceKey: DeviceKey;
  /** Built with `buildTemplateScope`. */
  readonly scope: TemplateScope;
  /**
   * This device's own verify commands (e.g. its inventory `verify_cmds`), when the caller's
   * verify selection gave it a list other than the job's.
   */
  readonly verify?: readonly string[];
}

/** What to preflight: the job's templates and every target device. */
export interface TemplatePreflightInput {
  readonly commands: readonly string[];
  /** The job's verify commands; a device's own list replaces them. */
  readonly verify?: readonly string[];
  readonly devices: readonly TemplatePreflightDevice[];
}

/** A device whose variables do not all resolve to safe values. */
export interface DeviceTemplateProblem {
  readonly kind: 'unresolved' | 'unsafe_value';
  readonly deviceKey: DeviceKey;
  readonly variable: string;
  /** A sentence for the operator. Never contains the value itself (it may be sensitive). */
  readonly detail: string;
}

/** A template line that itself carries a line break, control or bidi character. */
export interface TemplateLineProblem {
  readonly kind: 'unsafe_template';
  readonly part: TemplatePart;
  /** One-based line number. */
  readonly line: number;
  /** Set when the line is in a device's own verify list rather than the job's. */
  readonly deviceKey?: DeviceKey;
  readonly detail: string;
}

/** Anything that refuses the whole run. */
export type TemplateProblem = DeviceTemplateProblem | TemplateLineProblem;

/** A `{{…}}` token left literal because it is not an identifier; the run is not refused. */
export interface TemplateWarning {
  readonly kind: 'literal_token';
  readonly part: TemplatePart;
  readonly line: number;
  readonly token: string;
  readonly detail: string;
}

/** One device's rendered commands, ready to be stored with the job and sent. */
export interface RenderedDeviceCommands {
  readonly deviceKey: DeviceKey;
  readonly commands: readonly string[];
  readonly verify: readonly string[];
}

/** The preflight verdict: everything rendered, or every problem at once. */
export type TemplatePreflightResult =
  | {
      readonly ok: true;
      /** In the order of the input devices. */
      readonly rendered: readonly RenderedDeviceCommands[];
      readonly warnings: readonly TemplateWarning[];
    }
  | {
      readonly ok: false;
      readonly problems: readonly TemplateProblem[];
      readonly warnings: readonly TemplateWarning[];
    };

/**
 * Renders the job's apply and verify templates for every device, or refuses the run listing
 * every problem: for every device, every unresolved variable and every value carrying a line
 * break, control or bidi character (only variables the templates use are checked), plus
 * template lines that carry one themselves. Templates are compiled once, so 10,000 devices
 * cost milliseconds.
 */
export function preflightTemplates(input: TemplatePreflightInput): TemplatePreflightResult {
  const collector = new PreflightCollector();
  const commands = collector.compile(input.commands, TemplatePart.commands, undefined);
  const jobVerify = collector.compile(input.verify ?? [], TemplatePart.verify, undefined);
  const rendered: RenderedDeviceCommands[] = [];
  for (const device of input.devices) {
    const verify =
      device.verify === undefined
        ? jobVerify
        : collector.compile(device.verify, TemplatePart.verify, device.deviceKey);
    const result = renderDevice(device, commands, verify);
    if (!result.ok) collector.problems.push(...result.error);
    else if (collector.problems.length === 0) rendered.push(result.value);
  }
  const warnings = collector.warnings;
  if (collector.problems.length > 0) return { ok: false, problems: collector.problems, warnings };
  return { ok: true, rendered, warnings };
}

/** Compiles each distinct list once and gathers template-level problems and warnings. */
class PreflightCollector {
  readonly problems: TemplateProblem[] = [];
  readonly warnings: TemplateWarning[] = [];
  private readonly cache = new Map<string, CompiledTemplate>();
  private readonly warned = new Set<string>();

  /** Compiles `lines`; a device's own list reports its line problems under its key. */
  compile(
    lines: readonly string[],
    part: TemplatePart,
    deviceKey: DeviceKey | undefined,
  ): CompiledTemplate {
    const cacheKey = JSON.stringify([part, lines]);
    let template = this.cache.get(cacheKey);
    if (template === undefined) {
      template = compileTemplate(lines);
      this.cache.set(cacheKey, template);
      this.addWarnings(template, part);
    }
    for (const { line, character } of template.unsafeLines) {
      const at = `${character.name} at character ${character.index + 1}`;
      const detail = `${part} line ${line} contains ${at}; remove it from the template`;
      this.problems.push({ kind: 'unsafe_template', part, line, deviceKey, detail });
    }
    return template;
  }

  private addWarnings(template: CompiledTemplate, part: TemplatePart): void {
    for (const { line, token } of template.literalTokens) {
      const key = `${part}\u0000${line}\u0000${token}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      const detail = `${part} line ${line}: ${token} is not a {{variable}} (names are letters, digits and _, not starting with a digit) and is sent as written`;
      this.warnings.push({ kind: 'literal_token', part, line, token, detail });
    }
  }
}

/** Renders one device's two lists; problems name each variable once. */
function renderDevice(
  device: TemplatePreflightDevice,
  commands: CompiledTemplate,
  verify: CompiledTemplate,
): Result<RenderedDeviceCommands, DeviceTemplateProblem[]> {
  const lookup = (name: string): string | undefined => device.scope.get(name)?.value;
  const renderedCommands = renderTemplate(commands, lookup);
  const renderedVerify = renderTemplate(verify, lookup);
  if (renderedCommands.ok && renderedVerify.ok) {
    const { deviceKey } = device;
    return ok({ deviceKey, commands: renderedCommands.value, verify: renderedVerify.value });
  }
  const problems: DeviceTemplateProblem[] = [];
  const seen = new Set<string>();
  const report = (
    errors: readonly TemplateRenderError[],
    part: TemplatePart,
    t: CompiledTemplate,
  ) => {
    for (const error of errors) {
      if (seen.has(error.variable)) continue;
      seen.add(error.variable);
      const where = `${part} line ${t.firstUse.get(error.variable) ?? 0}`;
      problems.push(describeProblem(device, error, where));
    }
  };
  if (!renderedCommands.ok) report(renderedCommands.error, TemplatePart.commands, commands);
  if (!renderedVerify.ok) report(renderedVerify.error, TemplatePart.verify, verify);
  return err(problems);
}

/** Turns a render error into an operator-facing problem, without echoing the value. */
function describeProblem(
  device: TemplatePreflightDevice,
  error: TemplateRenderError,
  where: string,
): DeviceTemplateProblem {
  const { deviceKey } = device;
  const { variable } = error;
  if (error.kind === 'unresolved') {
    const detail = `{{${variable}}} (${where}) has no value in host_vars, the device's inventory columns or global_vars`;
    return { kind: 'unresolved', deviceKey, variable, detail };
  }
  const source = device.scope.get(variable)?.source ?? 'scope';
  const { name, index } = error.character;
  const detail = `the value of {{${variable}}} from ${source} (${where}) contains ${name} at character ${index + 1}; line breaks and control characters could smuggle another command to the device`;
  return { kind: 'unsafe_value', deviceKey, variable, detail };
}
