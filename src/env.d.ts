/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the console guard on every console request (src/features/console/guard.server.ts). */
    console?: {
      principal: import('#src/features/console/principal.ts').Principal | null;
      /** The session's CSRF token, for the hidden `csrf` field of every console form ('' when signed out). */
      csrf: string;
      route: import('#src/features/console/console-paths.ts').ConsoleRouteId;
      lang: import('#src/i18n/index.ts').Lang;
    };
  }
}
