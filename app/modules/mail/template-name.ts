/**
 * The key of a mail template's name on /admin/mails (`account:admin.mail.templates.<key>`).
 * A namespaced template's ":" and "." would be read by i18next as a namespace and a path,
 * so its key uses "_" instead. Not in mail.server.ts: the admin page renders it in the browser.
 */
export function templateNameKey(template: string): string {
  return template.replace(/[:.]/g, '_');
}
