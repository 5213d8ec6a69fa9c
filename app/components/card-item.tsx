import type { ReactNode } from 'react';

/** A KERN card as an item of a `ww-ways` list: heading, body and an optional footer. */
export function CardItem({
  heading,
  level = 3,
  children,
  footer,
}: {
  heading: ReactNode;
  level?: 2 | 3;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <li className="kern-card">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <Heading className="kern-title">{heading}</Heading>
        </div>
        <div className="kern-card__body">{children}</div>
        {footer ? <div className="kern-card__footer">{footer}</div> : null}
      </div>
    </li>
  );
}
