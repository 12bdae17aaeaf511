import { runConditionCases, type ConditionCase } from '../policyHelpers.js';

const ip = (address: string) => ({ 'aws:SourceIp': address });
const arn = (value: string) => ({ 'aws:SourceArn': value });

const ipCases: ConditionCase[] = [
  ['IPv4 in CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, ip('203.0.113.7'), true],
  ['IPv4 outside CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, ip('203.0.114.7'), false],
  ['IPv4 bare address', { IpAddress: { 'aws:SourceIp': '10.1.2.3' } }, ip('10.1.2.3'), true],
  ['IPv4 /0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, ip('8.8.8.8'), true],
  ['IPv4 /0 does not hold IPv6', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, ip('2001:db8::1'), false],
  ['host bits in the CIDR are ignored', { IpAddress: { 'aws:SourceIp': '10.9.9.9/8' } }, ip('10.1.1.1'), true],
  ['values are ORed', { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '10.0.0.0/8'] } }, ip('10.0.0.1'), true],
  ['IPv6 in CIDR', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, ip('2001:db8:1:2::3'), true],
  ['IPv6 outside CIDR', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, ip('2001:db9::1'), false],
  ['IPv6 odd prefix', { IpAddress: { 'aws:SourceIp': '2001:db8:8000::/33' } }, ip('2001:db8:ffff::1'), true],
  ['IPv6 odd prefix, other half', { IpAddress: { 'aws:SourceIp': '2001:db8:8000::/33' } }, ip('2001:db8:7fff::1'), false],
  ['IPv6 ::1', { IpAddress: { 'aws:SourceIp': '::1/128' } }, ip('0:0:0:0:0:0:0:1'), true],
  ['IPv4-mapped request, IPv4 CIDR', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('::ffff:10.2.3.4'), true],
  ['IPv4-mapped hex request, IPv4 CIDR', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('::ffff:a02:304'), true],
  ['IPv4 request, IPv4-mapped CIDR', { IpAddress: { 'aws:SourceIp': '::ffff:10.0.0.0/104' } }, ip('10.2.3.4'), true],
  ['NotIpAddress outside', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, ip('192.0.2.1'), true],
  ['NotIpAddress inside', { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '10.0.0.0/8'] } }, ip('10.0.0.1'), false],
  ['IpAddress on a missing key', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, {}, false],
  ['NotIpAddress on a missing key', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {}, true],
  ['request value not an IP', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, ip('example.com'), false],
  ['ForAnyValue:IpAddress', { 'ForAnyValue:IpAddress': { ips: '10.0.0.0/8' } }, { ips: ['1.1.1.1', '10.0.0.1'] }, true],
];

const arnCases: ConditionCase[] = [
  ['ArnEquals exact', { ArnEquals: { 'aws:SourceArn': 'arn:aws:iam::123456789012:role/app' } }, arn('arn:aws:iam::123456789012:role/app'), true],
  ['ArnEquals is case-sensitive', { ArnEquals: { 'aws:SourceArn': 'arn:aws:iam::123456789012:role/App' } }, arn('arn:aws:iam::123456789012:role/app'), false],
  ['ArnLike with wildcards', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/*' } }, arn('arn:aws:iam::123456789012:role/path/app'), true],
  ['ArnEquals also takes wildcards', { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::bucket-?' } }, arn('arn:aws:s3:::bucket-a'), true],
  ['a * stays inside its segment', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:x' } }, arn('arn:aws:iam::1:2:x'), false],
  ['resource segment keeps colons', { ArnLike: { 'aws:SourceArn': 'arn:aws:logs:*:*:log-group:*' } }, arn('arn:aws:logs:us-east-1:1:log-group:a:b'), true],
  ['request value not an ARN', { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/*' } }, arn('role/app'), false],
  ['ArnNotLike outside', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:iam::*:role/admin*' } }, arn('arn:aws:iam::1:role/app'), true],
  ['ArnNotEquals inside', { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:iam::1:role/app' } }, arn('arn:aws:iam::1:role/app'), false],
  ['ArnLike on a missing key', { ArnLike: { 'aws:SourceArn': '*' } }, {}, false],
  ['ArnNotLike on a missing key', { ArnNotLike: { 'aws:SourceArn': '*' } }, {}, true],
  ['a variable as the whole value', { ArnEquals: { 'aws:SourceArn': '${aws:PrincipalArn}' } }, {
    'aws:SourceArn': 'arn:aws:iam::1:user/bob', 'aws:PrincipalArn': 'arn:aws:iam::1:user/bob',
  }, true],
  ['a variable in the resource segment', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::home/${aws:username}/*' } }, {
    'aws:SourceArn': 'arn:aws:s3:::home/bob/a', 'aws:username': 'bob',
  }, true],
];

describe('policy/conditions/ip', () => runConditionCases(ipCases));
describe('policy/conditions/arn', () => runConditionCases(arnCases));
