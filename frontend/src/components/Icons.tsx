// Small inline icons (stroke style, 24px grid) so the bundle needs no icon library.
import type { ReactNode, SVGProps } from "react";

function Icon({ children, ...props }: SVGProps<SVGSVGElement> & { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      {...props}
    >
      {children}
    </svg>
  );
}

export const LogoMark = () => (
  <svg viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
    <rect width="32" height="32" rx="8" fill="currentColor" />
    <path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" fill="#fff" />
  </svg>
);

export const BuildingIcon = () => (
  <Icon>
    <path d="M4 21V5a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v16M15 9h4a1 1 0 0 1 1 1v11M3 21h18M8 8h3M8 12h3M8 16h3" />
  </Icon>
);

export const ClipboardIcon = () => (
  <Icon>
    <path d="M9 4h6v3H9zM9 5H6a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V6a1 1 0 0 0-1-1h-3M9 12h6M9 16h4" />
  </Icon>
);

export const ScaleIcon = () => (
  <Icon>
    <path d="M12 4v16M7 20h10M5 8h14M5 8l-3 6a3 3 0 0 0 6 0zM19 8l-3 6a3 3 0 0 0 6 0z" />
  </Icon>
);

export const PeopleIcon = () => (
  <Icon>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6M14.5 4.8a3 3 0 0 1 0 5.9M17 14.3c2.6.5 4.5 2.6 4.5 5.7" />
  </Icon>
);

export const ShieldIcon = () => (
  <Icon>
    <path d="M12 3l8 3v6c0 4.5-3.4 8.2-8 9-4.6-.8-8-4.5-8-9V6zM9 12l2 2 4-4" />
  </Icon>
);

export const CompassIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9" />
    <path d="M15.5 8.5l-2 5-5 2 2-5z" />
  </Icon>
);

export const LockIcon = () => (
  <Icon>
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V8a4 4 0 0 1 8 0v3" />
  </Icon>
);

export const SearchIcon = () => (
  <Icon width="20" height="20">
    <circle cx="11" cy="11" r="7" />
    <path d="M20 20l-4-4" />
  </Icon>
);

export const UserIcon = () => (
  <Icon width="20" height="20">
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" />
  </Icon>
);

export const AlertIcon = () => (
  <Icon>
    <path d="M12 3l10 18H2zM12 10v5M12 18h.01" />
  </Icon>
);

export const UploadIcon = () => (
  <Icon width="20" height="20">
    <path d="M12 16V4M7 9l5-5 5 5M4 16v4h16v-4" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon width="16" height="16" strokeWidth="2.4">
    <path d="M5 12l5 5 9-10" />
  </Icon>
);

export const CrossIcon = () => (
  <Icon width="16" height="16" strokeWidth="2.4">
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
);

export const TildeIcon = () => (
  <Icon width="16" height="16" strokeWidth="2.4">
    <path d="M5 14c2-4 4-4 7-2s5 2 7-2" />
  </Icon>
);

export const ChevronIcon = () => (
  <Icon width="16" height="16" strokeWidth="2.2">
    <path d="M9 6l6 6-6 6" />
  </Icon>
);
