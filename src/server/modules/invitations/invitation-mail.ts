import type { AppContext } from '../../context.js';
import { renderMail } from '../../mail/layout.js';
import { readSettings } from '../settings/settings.repo.js';
import { acceptUrl } from './invitation-links.js';
import type { InvitationRow } from './invitations.repo.js';

// Names and messages are people's input: a line break must not start a new mail header.
const oneLine = (text: string) => text.replace(/\p{Cc}+/gu, ' ').trim();

/** The invitation e-mail: who invites, into which workspace, the personal message, and the link. */
export async function sendInvitationMail(ctx: AppContext, row: InvitationRow): Promise<void> {
  const organization = (await readSettings(ctx.db)).organizationName ?? 'Foyer';
  const inviter = row.inviter_name ?? organization;
  const until = row.link_expires_at ? new Date(row.link_expires_at).toUTCString().replace(/:\d\d GMT$/, ' UTC') : null;
  const { text, html } = renderMail({
    greeting: 'Hello,',
    paragraphs: [
      `${inviter} (${organization}) invited you to the workspace "${row.workspace_name}".`,
      ...(row.message ? [`Their message: ${row.message}`] : []),
      `Open the invitation to confirm. ${until ? `The link works until ${until}.` : ''}`.trim(),
    ],
    action: { label: 'Open the invitation', url: acceptUrl(ctx, row.id) },
    footer: `Sent by ${organization} through Foyer. If you did not expect this invitation, ignore this e-mail.`,
  });
  await ctx.mailer.send({ to: row.email, subject: oneLine(`${inviter} invited you to ${row.workspace_name}`), text, html });
}

/** Mail goes out after the commit; a mail server hiccup must not undo the invitation (it can be resent). */
export function sendInBackground(ctx: AppContext, row: InvitationRow): void {
  sendInvitationMail(ctx, row).catch((err: unknown) => ctx.log.error({ err, invitationId: row.id }, 'invitation e-mail could not be sent'));
}
