import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { forbiddenAddressReason } from '../../connectors/rss/address';
import type { FetchLike } from '../../connectors/types';

/** Hostname -> every address, as `dns.lookup` with `all: true` answers. */
export type LookupAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A fetch (Node only) whose sockets connect to public addresses alone. The feed connector checks a
 * feed's name before fetching it, but fetch resolves the name again: a hostile DNS server can
 * answer a public address to the check and a private one to the connection (DNS rebinding). Here
 * the address checked is the one connected to.
 */
export function publicOnlyFetch(
  opts: { lookup?: LookupAll; forbidden?: (address: string) => string | null } = {},
): FetchLike {
  const lookup: LookupAll = opts.lookup ?? ((host, options, callback) => dnsLookup(host, options, callback));
  const forbidden = opts.forbidden ?? forbiddenAddressReason;
  const dispatcher = new Agent({
    connect: {
      lookup: (hostname, options, callback) => {
        lookup(hostname, { ...options, all: true }, (err, addresses) => {
          if (err) return callback(err, '', 0);
          for (const a of addresses) {
            const reason = forbidden(a.address);
            if (reason) {
              return callback(
                new Error(`refused to connect to ${hostname}: it now resolves to ${a.address}, ${reason}`),
                '',
                0,
              );
            }
          }
          if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, addresses);
          const first = addresses[0];
          if (!first) return callback(new Error(`${hostname} resolves to no address`), '', 0);
          callback(null, first.address, first.family);
        });
      },
    },
  });
  // undici's own Request and Response types are the global ones at run time.
  return ((input, init) => undiciFetch(input as string, { ...init, dispatcher } as never)) as FetchLike;
}
