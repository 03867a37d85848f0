import type { ReactNode } from "react";

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export const icons = {
  shield: (
    <Icon>
      <path d="M12 3 4.5 6v5.5c0 4.6 3.2 8.6 7.5 9.5 4.3-.9 7.5-4.9 7.5-9.5V6L12 3Z" />
    </Icon>
  ),
  clusters: (
    <Icon>
      <path d="M12 3 20 7.5v9L12 21l-8-4.5v-9L12 3Z" />
      <path d="M12 12 20 7.5M12 12v9M12 12 4 7.5" />
    </Icon>
  ),
  images: (
    <Icon>
      <rect x="3.5" y="6" width="17" height="13" rx="2" />
      <path d="M7 6V4.5h10V6M7.5 10.5h9M7.5 14.5h5" />
    </Icon>
  ),
  policies: (
    <Icon>
      <path d="M7 3.5h7.5L19 8v12.5H7z" />
      <path d="M14.5 3.5V8H19M10 12.5l2 2 3.5-3.5" />
    </Icon>
  ),
  exceptions: (
    <Icon>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M8 12h8" />
    </Icon>
  ),
  workloads: (
    <Icon>
      <rect x="3.5" y="4" width="7" height="7" rx="1.5" />
      <rect x="13.5" y="4" width="7" height="7" rx="1.5" />
      <rect x="3.5" y="14" width="7" height="7" rx="1.5" />
      <rect x="13.5" y="14" width="7" height="7" rx="1.5" />
    </Icon>
  ),
  benchmarks: (
    <Icon>
      <path d="M4 20h16M7 16.5V11M12 16.5V6.5M17 16.5v-3.5" />
    </Icon>
  ),
  pentests: (
    <Icon>
      <circle cx="12" cy="12" r="8" />
      <circle cx="12" cy="12" r="3.5" />
      <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3" />
    </Icon>
  ),
  kubesec: (
    <Icon>
      <path d="M12 3 4.5 6v5.5c0 4.6 3.2 8.6 7.5 9.5 4.3-.9 7.5-4.9 7.5-9.5V6L12 3Z" />
      <path d="m9 12 2.2 2.2L15.5 10" />
    </Icon>
  ),
  gatekeeper: (
    <Icon>
      <rect x="5" y="10.5" width="14" height="10" rx="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
    </Icon>
  ),
  falco: (
    <Icon>
      <path d="M3.5 12h4l2-5 4 10 2-5h5" />
    </Icon>
  ),
  settings: (
    <Icon>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2.8v2.4M12 18.8v2.4M4.6 4.6l1.7 1.7M17.7 17.7l1.7 1.7M2.8 12h2.4M18.8 12h2.4M4.6 19.4l1.7-1.7M17.7 6.3l1.7-1.7" />
    </Icon>
  ),
  plus: (
    <Icon>
      <path d="M12 5v14M5 12h14" />
    </Icon>
  ),
  search: (
    <Icon>
      <circle cx="11" cy="11" r="6.5" />
      <path d="m16 16 4 4" />
    </Icon>
  ),
  key: (
    <Icon>
      <circle cx="8" cy="15" r="4" />
      <path d="m11 12 8.5-8.5M16 7l2.5 2.5" />
    </Icon>
  ),
  users: (
    <Icon>
      <circle cx="9" cy="8.5" r="3.5" />
      <path d="M3 20c.6-3.4 3-5.5 6-5.5s5.4 2.1 6 5.5M15.5 5.2a3.5 3.5 0 0 1 0 6.6M17.5 14.8c1.8.7 3.1 2.5 3.5 5.2" />
    </Icon>
  ),
  log: (
    <Icon>
      <path d="M5 4.5h14v15H5zM8.5 9h7M8.5 12.5h7M8.5 16h4" />
    </Icon>
  ),
  download: (
    <Icon>
      <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19.5h14" />
    </Icon>
  ),
  refresh: (
    <Icon>
      <path d="M19.5 12a7.5 7.5 0 1 1-2.2-5.3M19.5 4.5v4h-4" />
    </Icon>
  ),
  external: (
    <Icon>
      <path d="M13.5 4.5h6v6M19.5 4.5 11 13M17 14v5.5H4.5V7H10" />
    </Icon>
  ),
  pause: (
    <Icon>
      <path d="M9 5.5v13M15 5.5v13" />
    </Icon>
  ),
  play: (
    <Icon>
      <path d="M8 5.5v13l10-6.5-10-6.5Z" />
    </Icon>
  ),
  signOut: (
    <Icon>
      <path d="M14 4.5H6.5v15H14M10.5 12H20M16.5 8.5 20 12l-3.5 3.5" />
    </Icon>
  ),
} as const;
