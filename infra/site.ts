import { RemovalPolicy } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import type { Construct } from "constructs";
import type { Api } from "./api";

export type SiteProps = {
  api: Pick<Api, "fn" | "url">;
  /** Built web app (folder with index.html); without it the site bucket starts empty. */
  webDist?: string;
  /** Custom domain with an ACM certificate in us-east-1; both or neither. */
  domainName?: string;
  certificateArn?: string;
};

/**
 * Client-side routes ("/okullar/123") have no file: serve index.html for any path whose last
 * segment has no extension. Done at the edge rather than with 403/404 error responses,
 * because those apply to the whole distribution and would turn the API's JSON 403/404
 * answers into the HTML page.
 */
const spaFallback = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]+$/.test(request.uri)) request.uri = "/index.html";
  return request;
}`;

/**
 * The API rate-limits sign-in per client address. Lambda only sees CloudFront's address, and
 * X-Forwarded-For can be forged, so the edge writes the viewer's address into a header of its
 * own, replacing any value the client sent.
 */
const clientIp = `function handler(event) {
  event.request.headers["x-bigep-client-ip"] = { value: event.viewer.ip };
  return event.request;
}`;

/** One origin for people: the web app from a private bucket, /api/* from the API function. */
export function createSite(scope: Construct, props: SiteProps): cloudfront.Distribution {
  const bucket = new s3.Bucket(scope, "SiteBucket", {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    // Build output only: always rebuildable, so never worth keeping.
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });
  const rewrite = new cloudfront.Function(scope, "SpaFallback", {
    code: cloudfront.FunctionCode.fromInline(spaFallback),
    runtime: cloudfront.FunctionRuntime.JS_2_0,
  });
  const stampIp = new cloudfront.Function(scope, "ClientIp", {
    code: cloudfront.FunctionCode.fromInline(clientIp),
    runtime: cloudfront.FunctionRuntime.JS_2_0,
  });
  const distribution = new cloudfront.Distribution(scope, "Distribution", {
    comment: "BİGEP web app and API",
    defaultRootObject: "index.html",
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    // Europe and North America edges: the cheapest class covers Türkiye's users well enough.
    priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    domainNames: props.domainName ? [props.domainName] : undefined,
    certificate: props.certificateArn
      ? acm.Certificate.fromCertificateArn(scope, "Certificate", props.certificateArn)
      : undefined,
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    },
    additionalBehaviors: {
      "/api/*": {
        origin: origins.FunctionUrlOrigin.withOriginAccessControl(props.api.url),
        // A redirect would turn a POST into a GET: refuse plain http instead.
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: stampIp, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
    },
  });
  // Since Oct 2025 a function URL call also needs lambda:InvokeFunction; the origin above
  // grants only lambda:InvokeFunctionUrl.
  props.api.fn.addPermission("InvokeFromCloudFront", {
    principal: new iam.ServicePrincipal("cloudfront.amazonaws.com"),
    action: "lambda:InvokeFunction",
    sourceArn: distribution.distributionArn,
    invokedViaFunctionUrl: true,
  });
  if (props.webDist) {
    new s3deploy.BucketDeployment(scope, "SiteDeployment", {
      sources: [s3deploy.Source.asset(props.webDist)],
      destinationBucket: bucket,
      distribution,
      // Keep older hashed assets so open tabs can still lazy-load their chunks.
      prune: false,
    });
  }
  return distribution;
}
