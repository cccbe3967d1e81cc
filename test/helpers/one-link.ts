/** Test helper (not a suite): a custom scenario of one link a -- v (1 Gbps, 1 ms), from the premises node a to the vnet v. */
export function oneLink(opts: { name: string; link?: string; traffic: string; duration?: string }): string {
  return `
name: ${opts.name}
model: custom
duration: ${opts.duration ?? '1s'}
custom:
  nodes: [{ id: a, role: premises }, { id: v, role: vnet }]
  links: [{ from: a, to: v, bandwidth: 1Gbps, delay: 1ms${opts.link === undefined ? '' : `, ${opts.link}`} }]
traffic:
${opts.traffic}
`;
}
