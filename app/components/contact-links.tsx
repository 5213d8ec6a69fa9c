import type { ReactNode } from 'react';

/** "0561 123 45-6" → "+49561123456"-style dial string for tel: (digits and a leading +). */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/[^\d]/g, '')}`;
}

/**
 * A phone number as a tel: link, always laid out left to right. In a right-to-left page
 * the groups of digits would otherwise be reordered ("0000000 0561", "5551234 170 49+"):
 * `dir="ltr"` on the element isolates it from the Arabic around it.
 */
export function PhoneLink({ phone, children }: { phone: string; children?: ReactNode }) {
  return (
    <a className="kern-link" href={telHref(phone)} dir="ltr">
      {children ?? phone}
    </a>
  );
}

/** An e-mail address as a mailto: link; left to right, and free to wrap anywhere at 320 px. */
export function EmailLink({ email, children }: { email: string; children?: ReactNode }) {
  return (
    <a className="kern-link" href={`mailto:${email}`} dir="ltr">
      {children ?? email}
    </a>
  );
}
