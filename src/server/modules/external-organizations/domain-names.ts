import { domainToASCII } from 'node:url';
import { LIMITS } from '../../../shared/workspaces.js';
import { invalid } from '../../http/problems.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
// Checked before the IDN conversion, which reads its input as a URL host and drops a path or port.
const TYPED_DOMAIN = /^[\p{L}\p{M}\p{N}.-]+$/u;
const MAX_DOMAIN_LENGTH = 253;

/**
 * The form a domain is stored and compared in: trimmed, lower-cased, international names in their
 * ASCII (xn--) spelling so a typed "bücher.example" matches an e-mail at "xn--bcher-kva.example".
 * Undefined when it is not a host name an e-mail address could use.
 */
export function normalizeDomain(raw: string): string | undefined {
  const trimmed = raw.trim().toLowerCase();
  if (trimmed.length > MAX_DOMAIN_LENGTH || !TYPED_DOMAIN.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed);
  if (ascii === '' || ascii.length > MAX_DOMAIN_LENGTH) return undefined;
  const labels = ascii.split('.');
  // One label ("localhost") or a numeric last label (an IP address) is never an e-mail domain here.
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  if (/^\d+$/.test(labels.at(-1) ?? '')) return undefined;
  return ascii;
}

/** A list of domains as given by a person: normalised, deduplicated, in their order; 400 on `path` otherwise. */
export function normalizeDomainList(raw: readonly string[], path: string): string[] {
  const seen = new Set<string>();
  for (const entry of raw) {
    const domain = normalizeDomain(entry);
    if (!domain) throw invalid(path, `"${entry.trim()}" is not a valid domain name.`);
    seen.add(domain);
  }
  if (seen.size > LIMITS.domains) throw invalid(path, `At most ${LIMITS.domains} domains are allowed.`);
  return [...seen];
}

/** The domain of an e-mail address in its stored form, or undefined when the address has none. */
export function domainOfEmail(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  return at < 0 ? undefined : normalizeDomain(email.slice(at + 1));
}

/** The domain itself, then each parent down to the last two labels: "a.b.acme.com" → a.b.acme.com, b.acme.com, acme.com. */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}

/** True when the e-mail's domain is one of `domains` or a subdomain of one (for allowed and blocked lists). */
export function emailMatchesDomains(email: string, domains: readonly string[]): boolean {
  const domain = domainOfEmail(email);
  if (!domain) return false;
  const candidates = new Set(domainAndParents(domain));
  return domains.some((d) => candidates.has(d));
}
