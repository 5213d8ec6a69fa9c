/** Any path no other route claims: a translated 404 inside the normal page frame. */
export function loader() {
  throw new Response('Not Found', { status: 404 });
}

export default function NotFound() {
  return null;
}
