/**
 * Partner organisations (e.g. the Crown Prosecution Service) as configuration: who they are, which
 * email domains their people use, and the Box role they get. Only emails in a partner's own domains
 * can receive a partner share, so a typo cannot send evidence to an outside address nobody vetted.
 */
import { ConfigError } from '../errors';

export interface Partner {
  /** What people type: `share <file> with cps`. Lowercase letters, digits and dashes. */
  id: string;
  name: string;
  /** Lowercase domains; an email must end in `@<domain>` exactly. */
  domains: string[];
  /** Always `previewer` today: partners watch in Box and download only with an admin's approval. */
  defaultRole: 'previewer';
}

const PARTNER_ID = /^[a-z0-9][a-z0-9-]{0,30}$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** Reads partners.json (`{ "partners": [...] }`); anything malformed stops the bot naming PARTNERS_PATH. */
export function parsePartners(raw: unknown): Partner[] {
  const list = (raw as { partners?: unknown } | null)?.partners;
  if (!Array.isArray(list)) throw new ConfigError('PARTNERS_PATH', 'a JSON file with a "partners" array');
  const seen = new Set<string>();
  return list.map((entry: unknown, index) => {
    const e = entry as Record<string, unknown>;
    const id = typeof e?.id === 'string' ? e.id.trim().toLowerCase() : '';
    const name = typeof e?.name === 'string' ? e.name.trim() : '';
    const domains = Array.isArray(e?.domains)
      ? e.domains.map((d) => (typeof d === 'string' ? d.trim().toLowerCase() : ''))
      : [];
    const role = e?.defaultRole ?? 'previewer';
    if (
      !PARTNER_ID.test(id) ||
      seen.has(id) ||
      !name ||
      domains.length === 0 ||
      !domains.every((d) => DOMAIN.test(d)) ||
      role !== 'previewer'
    ) {
      throw new ConfigError(
        'PARTNERS_PATH',
        `partner ${index + 1}: a unique id (letters, digits, dashes), a name, email domains, and defaultRole "previewer"`,
      );
    }
    seen.add(id);
    return { id, name, domains, defaultRole: 'previewer' };
  });
}

/** The partner a word names: its id or its name, without regard to case. */
export function findPartner(partners: readonly Partner[], word: string): Partner | undefined {
  const wanted = word.trim().toLowerCase();
  return partners.find((p) => p.id === wanted || p.name.toLowerCase() === wanted);
}

export function emailAllowed(partner: Partner, email: string): boolean {
  const at = email.lastIndexOf('@');
  return at > 0 && partner.domains.includes(email.slice(at + 1).toLowerCase());
}

const EMAIL = /^[^\s@,;<>"]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
