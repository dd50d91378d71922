import type { ComponentType } from 'react';
import { Suspense } from 'react';
import { FullPageSpin } from './guards.tsx';

/** Pages outside the signed-in layout still load lazily and need their own Suspense boundary. */
export function PublicPage({ page: Page }: { page: ComponentType }) {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Page />
    </Suspense>
  );
}
