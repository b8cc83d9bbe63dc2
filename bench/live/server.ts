/**
 * The AWS side of the live bench, in the bench's own process: one local HTTP
 * server speaking EC2's query protocol (DescribeInstances pages of 1,000
 * full-size instances, DescribeInstanceStatus, DescribeInstanceTypes) and
 * Route 53's REST protocol (ListResourceRecordSets pages of 300 from the zone
 * model, ChangeResourceRecordSets, GetChange). The reconcile under test runs
 * in a child process with the real SDK clients pointed here, so what it parses
 * and holds is what it would in Lambda, and nothing of this side counts in it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Instance, RegionObservation } from '../../shared/domain/fleet/fleet.js';
import { createHostedZone, type HostedZone } from '../../shared/domain/dns/zone/index.js';
import type { ResourceRecordSet } from '../../shared/domain/dns/records.js';
import { escapeName } from '../../shared/domain/dns/names.js';
import { plan } from '../../shared/domain/plan/planner.js';
import { liveSpec, LIVE_ZONE_ID, type LiveInstance } from './fleet.js';

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const R53_NS = 'https://route53.amazonaws.com/doc/2013-04-01/';
const VCPUS: Record<string, number> = { 'm5.large': 2, 'm5.xlarge': 4, 'm5.2xlarge': 8 };

export interface LiveServer {
  url: string;
  /** Requests answered, by operation. */
  readonly calls: Map<string, number>;
  /** Changes in the batches received. */
  changes: number;
  close: () => Promise<void>;
}

function toDomain(i: LiveInstance): Instance {
  return {
    id: i.id,
    region: i.region,
    zone: i.zone,
    instanceType: i.type,
    state: i.state,
    launchTime: undefined,
    tags: { 'rebalancer:service': i.service, ...(i.drained && { 'rebalancer:drain': 'true' }) },
    publicIp: i.publicIp,
    privateIp: i.privateIp,
    ipv6: undefined,
  };
}

/** The zone as the previous reconcile left it: the plan of `before` written into an empty zone. */
export function zoneAfter(before: Map<string, LiveInstance[]>): HostedZone {
  const spec = liveSpec();
  const regions = new Map<string, RegionObservation>(
    [...before].map(([region, list]) => [
      region,
      {
        region,
        instances: list.map(toDomain),
        instanceTypes: new Map(
          Object.entries(VCPUS).map(([t, vcpus]) => [t, { vcpus, memoryMiB: vcpus * 4096 }]),
        ),
        statuses: new Map(list.map((i) => [i.id, { instance: 'ok', system: 'ok' }] as const)),
        alarms: undefined,
      },
    ]),
  );
  const result = plan({ spec, records: [], regions, reason: 'seed', now: 0 });
  const records = result.changeBatches.flatMap((b) =>
    b.Changes.filter((c) => c.Action === 'CREATE').map((c) => c.ResourceRecordSet),
  );
  return createHostedZone({ zoneId: LIVE_ZONE_ID }, records);
}

/** A full-size DescribeInstances item: what EC2 returns for an instance launched by a template. */
function instanceXml(i: LiveInstance, n: number): string {
  const nic = `eni-${i.id.slice(2)}`;
  const tags = [
    ['Name', `${i.service}-${n}`],
    ['rebalancer:service', i.service],
    ['aws:ec2launchtemplate:id', 'lt-0abcdef1234567890'],
    ['aws:ec2launchtemplate:version', '7'],
    ['aws:cloudformation:stack-name', `${i.service}-fleet`],
    ['team', 'platform'],
    ...(i.drained ? [['rebalancer:drain', 'true']] : []),
  ]
    .map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`)
    .join('');
  const running = i.state === 'running';
  return `<item><instanceId>${i.id}</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>${running ? 16 : 80}</code><name>${i.state}</name></instanceState><privateDnsName>ip-${i.privateIp.replace(/\./g, '-')}.${i.region}.compute.internal</privateDnsName><dnsName>${running ? `ec2-${i.publicIp.replace(/\./g, '-')}.${i.region}.compute.amazonaws.com` : ''}</dnsName><reason/><keyName>fleet-key</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>${i.type}</instanceType><launchTime>2026-11-20T08:15:42.000Z</launchTime><placement><availabilityZone>${i.zone}</availabilityZone><groupName/><tenancy>default</tenancy></placement><monitoring><state>disabled</state></monitoring><subnetId>subnet-0a1b2c3d4e5f60001</subnetId><vpcId>vpc-0a1b2c3d4e5f60001</vpcId><privateIpAddress>${i.privateIp}</privateIpAddress>${running ? `<ipAddress>${i.publicIp}</ipAddress>` : ''}<sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-0a1b2c3d4e5f60001</groupId><groupName>${i.service}</groupName></item></groupSet><architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>vol-${i.id.slice(2)}</volumeId><status>attached</status><attachTime>2026-11-20T08:15:43.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping><virtualizationType>hvm</virtualizationType><clientToken>fleet-${n}</clientToken><tagSet>${tags}</tagSet><hypervisor>xen</hypervisor><networkInterfaceSet><item><networkInterfaceId>${nic}</networkInterfaceId><subnetId>subnet-0a1b2c3d4e5f60001</subnetId><vpcId>vpc-0a1b2c3d4e5f60001</vpcId><ownerId>123456789012</ownerId><status>in-use</status><macAddress>02:00:00:00:00:01</macAddress><privateIpAddress>${i.privateIp}</privateIpAddress><privateDnsName>ip-${i.privateIp.replace(/\./g, '-')}.${i.region}.compute.internal</privateDnsName><sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-0a1b2c3d4e5f60001</groupId><groupName>${i.service}</groupName></item></groupSet><attachment><attachmentId>eni-attach-${i.id.slice(2)}</attachmentId><deviceIndex>0</deviceIndex><status>attached</status><attachTime>2026-11-20T08:15:42.000Z</attachTime><deleteOnTermination>true</deleteOnTermination><networkCardIndex>0</networkCardIndex></attachment><privateIpAddressesSet><item><privateIpAddress>${i.privateIp}</privateIpAddress><primary>true</primary></item></privateIpAddressesSet><ipv6AddressesSet/><interfaceType>interface</interfaceType></item></networkInterfaceSet><iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/${i.service}</arn><id>AIPAEXAMPLE1234567890</id></iamInstanceProfile><ebsOptimized>true</ebsOptimized><enaSupport>true</enaSupport><cpuOptions><coreCount>1</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions><capacityReservationSpecification><capacityReservationPreference>open</capacityReservationPreference></capacityReservationSpecification><hibernationOptions><configured>false</configured></hibernationOptions><metadataOptions><state>applied</state><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled</instanceMetadataTags></metadataOptions><enclaveOptions><enabled>false</enabled></enclaveOptions><bootMode>uefi-preferred</bootMode><platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation><usageOperationUpdateTime>2026-11-20T08:15:42.000Z</usageOperationUpdateTime><privateDnsNameOptions><hostnameType>ip-name</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord><enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord></privateDnsNameOptions><maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions><currentInstanceBootMode>uefi</currentInstanceBootMode></item>`;
}

/** The region a request was signed for (the credential scope of its Authorization header). */
function regionOf(request: IncomingMessage): string {
  return /Credential=[^/]+\/\d+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? '';
}

function ec2Reply(form: URLSearchParams, region: string, fleet: Map<string, LiveInstance[]>) {
  const action = form.get('Action') ?? '';
  const all = fleet.get(region) ?? [];
  if (action === 'DescribeInstances') {
    const values = new Set<string>();
    for (const [k, v] of form) if (/^Filter\.1\.Value\.\d+$/.test(k)) values.add(v);
    const wanted = all.filter((i) => values.size === 0 || values.has(i.service));
    const start = Number(form.get('NextToken') ?? '0');
    const size = Number(form.get('MaxResults') ?? '1000');
    const page = wanted.slice(start, start + size);
    const next = start + size < wanted.length ? `<nextToken>${start + size}</nextToken>` : '';
    // Two instances a reservation, as a group launching in pairs would.
    const reservations: string[] = [];
    for (let k = 0; k < page.length; k += 2)
      reservations.push(
        `<item><reservationId>r-${(page[k] as LiveInstance).id.slice(2)}</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>${page
          .slice(k, k + 2)
          .map((i, j) => instanceXml(i, start + k + j))
          .join('')}</instancesSet></item>`,
      );
    return `<DescribeInstancesResponse xmlns="${EC2_NS}"><requestId>bench</requestId><reservationSet>${reservations.join('')}</reservationSet>${next}</DescribeInstancesResponse>`;
  }
  if (action === 'DescribeInstanceStatus') {
    const ids = [...form].filter(([k]) => k.startsWith('InstanceId.')).map(([, v]) => v);
    const items = ids.map(
      (id) =>
        `<item><instanceId>${id}</instanceId><availabilityZone>${region}a</availabilityZone><instanceState><code>16</code><name>running</name></instanceState><systemStatus><status>ok</status><details><item><name>reachability</name><status>passed</status></item></details></systemStatus><instanceStatus><status>ok</status><details><item><name>reachability</name><status>passed</status></item></details></instanceStatus></item>`,
    );
    return `<DescribeInstanceStatusResponse xmlns="${EC2_NS}"><requestId>bench</requestId><instanceStatusSet>${items.join('')}</instanceStatusSet></DescribeInstanceStatusResponse>`;
  }
  if (action === 'DescribeInstanceTypes') {
    const types = [...form].filter(([k]) => k.startsWith('InstanceType.')).map(([, v]) => v);
    const items = types.map(
      (t) =>
        `<item><instanceType>${t}</instanceType><vCpuInfo><defaultVCpus>${VCPUS[t] ?? 2}</defaultVCpus></vCpuInfo><memoryInfo><sizeInMiB>${(VCPUS[t] ?? 2) * 4096}</sizeInMiB></memoryInfo></item>`,
    );
    return `<DescribeInstanceTypesResponse xmlns="${EC2_NS}"><requestId>bench</requestId><instanceTypeSet>${items.join('')}</instanceTypeSet></DescribeInstanceTypesResponse>`;
  }
  return undefined;
}

function recordXml(r: ResourceRecordSet): string {
  const parts = [`<Name>${escapeName(r.Name)}</Name>`, `<Type>${r.Type}</Type>`];
  if (r.SetIdentifier !== undefined)
    parts.push(`<SetIdentifier>${r.SetIdentifier}</SetIdentifier>`);
  if (r.Weight !== undefined) parts.push(`<Weight>${r.Weight}</Weight>`);
  if (r.Region !== undefined) parts.push(`<Region>${r.Region}</Region>`);
  if (r.TTL !== undefined) parts.push(`<TTL>${r.TTL}</TTL>`);
  if (r.ResourceRecords !== undefined)
    parts.push(
      `<ResourceRecords>${r.ResourceRecords.map((v) => `<ResourceRecord><Value>${v.Value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Value></ResourceRecord>`).join('')}</ResourceRecords>`,
    );
  if (r.AliasTarget !== undefined)
    parts.push(
      `<AliasTarget><HostedZoneId>${r.AliasTarget.HostedZoneId}</HostedZoneId><DNSName>${escapeName(r.AliasTarget.DNSName)}</DNSName><EvaluateTargetHealth>${String(r.AliasTarget.EvaluateTargetHealth)}</EvaluateTargetHealth></AliasTarget>`,
    );
  return `<ResourceRecordSet>${parts.join('')}</ResourceRecordSet>`;
}

function route53Reply(
  method: string,
  url: URL,
  body: string,
  zone: HostedZone,
  server: LiveServer,
): [string, string] | undefined {
  if (method === 'GET' && url.pathname.endsWith('/rrset')) {
    const page = zone.list({
      StartRecordName: url.searchParams.get('name') ?? undefined,
      StartRecordType: url.searchParams.get('type') ?? undefined,
      StartRecordIdentifier: url.searchParams.get('identifier') ?? undefined,
      MaxItems: Number(url.searchParams.get('maxitems') ?? '300'),
    });
    const next = page.IsTruncated
      ? `<NextRecordName>${escapeName(page.NextRecordName ?? '')}</NextRecordName>${page.NextRecordType === undefined ? '' : `<NextRecordType>${page.NextRecordType}</NextRecordType>`}${page.NextRecordIdentifier === undefined ? '' : `<NextRecordIdentifier>${page.NextRecordIdentifier}</NextRecordIdentifier>`}`
      : '';
    return [
      'ListResourceRecordSets',
      `<ListResourceRecordSetsResponse xmlns="${R53_NS}"><ResourceRecordSets>${page.ResourceRecordSets.map(recordXml).join('')}</ResourceRecordSets><IsTruncated>${String(page.IsTruncated)}</IsTruncated>${next}<MaxItems>${page.MaxItems}</MaxItems></ListResourceRecordSetsResponse>`,
    ];
  }
  const change = `<ChangeInfo><Id>/change/CBENCH${server.changes}</Id><Status>INSYNC</Status><SubmittedAt>2026-11-20T08:15:42.000Z</SubmittedAt></ChangeInfo>`;
  if (method === 'POST' && /\/rrset\/?$/.test(url.pathname)) {
    // Accepted as sent, not applied: each size is reconciled once.
    server.changes += (body.match(/<Change>/g) ?? []).length;
    return [
      'ChangeResourceRecordSets',
      `<ChangeResourceRecordSetsResponse xmlns="${R53_NS}">${change}</ChangeResourceRecordSetsResponse>`,
    ];
  }
  if (method === 'GET' && url.pathname.includes('/change/'))
    return ['GetChange', `<GetChangeResponse xmlns="${R53_NS}">${change}</GetChangeResponse>`];
  return undefined;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server for this fleet and zone on a free port of 127.0.0.1. */
export async function startLiveServer(
  fleet: Map<string, LiveInstance[]>,
  zone: HostedZone,
): Promise<LiveServer> {
  const calls = new Map<string, number>();
  const server = { url: '', calls, changes: 0, close: () => Promise.resolve() };
  const http: Server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let reply: [string, string] | undefined;
      if (url.pathname.startsWith('/2013-04-01/'))
        reply = route53Reply(request.method ?? 'GET', url, body, zone, server);
      else {
        const form = new URLSearchParams(body);
        const xml = ec2Reply(form, regionOf(request), fleet);
        if (xml !== undefined) reply = [form.get('Action') ?? '', xml];
      }
      if (reply === undefined) {
        response.writeHead(404).end(`bench server: no reply for ${request.method} ${request.url}`);
        return;
      }
      calls.set(reply[0], (calls.get(reply[0]) ?? 0) + 1);
      response.writeHead(200, { 'content-type': 'text/xml' }).end(reply[1]);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  server.url = `http://127.0.0.1:${port}`;
  server.close = () =>
    new Promise<void>((resolve) => {
      http.close(() => {
        resolve();
      });
    });
  return server;
}
