// The systemd unit Tocsin runs under (contrib/tocsin.service is this text with the default
// paths; a test keeps the two equal). A dedicated user, a private data directory, restarts after
// crashes but not after configuration errors, and a sandbox that leaves the daemon only its data
// directory to write.

export interface UnitOptions {
  /** absolute path of the executable, then any arguments before `serve` (a script run by bun) */
  readonly exec: readonly string[];
  readonly user: string;
  /** absolute path of the data directory */
  readonly dataDir: string;
  readonly listen: string;
  /** absolute path of the optional environment file (TOCSIN_BASE_URL, secrets...) */
  readonly envFile: string;
}

export const DEFAULT_UNIT: Omit<UnitOptions, "exec"> & { readonly bin: string } = {
  bin: "/usr/local/bin/tocsin",
  user: "tocsin",
  dataDir: "/var/lib/tocsin",
  listen: "0.0.0.0:8000",
  envFile: "/etc/tocsin/tocsin.env",
};

const STATE_ROOT = "/var/lib/";

/** One word of ExecStart=: % and $ doubled (specifiers, variables), quoted when it has spaces or quotes. */
export function execWord(word: string): string {
  const escaped = word.replace(/%/g, "%%").replace(/\$/g, "$$$$");
  return /^[A-Za-z0-9_@%$+=:,./-]+$/.test(escaped) ? escaped : `"${escaped.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function serviceUnit(o: UnitOptions): string {
  // under /var/lib systemd creates the directory itself, owned by the user, with the mode below
  const state = o.dataDir.startsWith(STATE_ROOT) ? o.dataDir.slice(STATE_ROOT.length) : null;
  const dataDirLines = state !== null
    ? [`StateDirectory=${state}`, "StateDirectoryMode=0700"]
    : [`# create it first: install -d -o ${o.user} -g ${o.user} -m 0700 ${o.dataDir}`];
  return [
    "# Tocsin, a heartbeat and cron-job monitor, as a systemd service.",
    "# Install: copy to /etc/systemd/system/tocsin.service, then",
    "#   systemctl daemon-reload && systemctl enable --now tocsin",
    "# Settings and secrets (TOCSIN_BASE_URL, TOCSIN_SMTP_URL, TOCSIN_CONFIG...) go in EnvironmentFile.",
    "[Unit]",
    "Description=Tocsin heartbeat and cron-job monitor",
    "After=network-online.target",
    "Wants=network-online.target",
    "",
    "[Service]",
    "Type=simple",
    `User=${o.user}`,
    `Group=${o.user}`,
    `ExecStart=${[...o.exec, "serve"].map(execWord).join(" ")}`,
    // SIGHUP re-applies the config file's declared objects
    "ExecReload=/bin/kill -HUP $MAINPID",
    `Environment=TOCSIN_DATA_DIR=${o.dataDir}`,
    `Environment=TOCSIN_LISTEN=${o.listen}`,
    "# the leading - makes the file optional; its values override the lines above",
    `EnvironmentFile=-${o.envFile}`,
    `WorkingDirectory=${o.dataDir}`,
    ...dataDirLines,
    "# the database holds job output: files are private to the service's user",
    "UMask=0077",
    "Restart=on-failure",
    "RestartSec=5",
    "# exit status 2 is a configuration error: restarting would not fix it",
    "RestartPreventExitStatus=2",
    "# Tocsin stops within 5 s of SIGTERM",
    "TimeoutStopSec=15",
    "",
    "# Sandbox: the data directory is the only place it may write.",
    "NoNewPrivileges=yes",
    "PrivateTmp=yes",
    "PrivateDevices=yes",
    "ProtectSystem=strict",
    "ProtectHome=yes",
    `ReadWritePaths=${o.dataDir}`,
    "ProtectKernelTunables=yes",
    "ProtectKernelModules=yes",
    "ProtectKernelLogs=yes",
    "ProtectControlGroups=yes",
    "ProtectClock=yes",
    "ProtectHostname=yes",
    "ProtectProc=invisible",
    "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
    "RestrictNamespaces=yes",
    "RestrictRealtime=yes",
    "RestrictSUIDSGID=yes",
    "LockPersonality=yes",
    "RemoveIPC=yes",
    "SystemCallArchitectures=native",
    "CapabilityBoundingSet=",
    "# No MemoryDenyWriteExecute=: the JavaScript engine compiles code while it runs.",
    "# To listen on a port below 1024, add AmbientCapabilities=CAP_NET_BIND_SERVICE and",
    "# CapabilityBoundingSet=CAP_NET_BIND_SERVICE.",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}
