package org.miplhil.platform;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.BaseInstanceEnablerFactory;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.resource.SimpleInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.node.codec.LwM2mValueChecker;
import org.eclipse.leshan.core.node.codec.NodeDecoder;
import org.eclipse.leshan.core.node.codec.NodeEncoder;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.util.LinkFormatHelper;
import org.miplhil.platform.leshan.CoapSettings;

/**
 * A real Eclipse Leshan client on loopback UDP, for tests: its CoAP settings and thread counts are explicit
 * (the protocol stage defaults to one thread, see docs/evidence.md), its objects given by the test.
 */
public final class TestClient implements AutoCloseable {

    /** Protocol-stage threads of the client: more than one, so one slow enabler does not block the rest. */
    public static final int CLIENT_PROTOCOL_THREADS = 4;

    private final LeshanClient client;
    private final String endpoint;
    public final List<String> clientEvents = new CopyOnWriteArrayList<>();

    private TestClient(LeshanClient client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    public static Builder named(String endpoint) {
        return new Builder(endpoint);
    }

    public String endpoint() {
        return endpoint;
    }

    public LeshanClient leshan() {
        return client;
    }

    public TestClient start() {
        client.start();
        return this;
    }

    /** Sends a registration update now. */
    public void update() {
        client.triggerRegistrationUpdate();
    }

    /** Stops; deregisters first when asked. */
    public void stop(boolean deregister) {
        client.stop(deregister);
    }

    @Override
    public void close() {
        client.destroy(false);
    }

    public static final class Builder {
        private final String endpoint;
        private String serverUri;
        private String bootstrapUri;
        private long lifetime = 300;
        private final Map<Integer, List<LwM2mInstanceEnabler>> objects = new LinkedHashMap<>();
        private final List<ObjectModel> models = new ArrayList<>(TestModels.all());
        private List<ContentFormat> formats;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        public Builder server(String uri) {
            this.serverUri = uri;
            return this;
        }

        public Builder bootstrap(String uri) {
            this.bootstrapUri = uri;
            return this;
        }

        public Builder lifetime(Duration d) {
            this.lifetime = d.toSeconds();
            return this;
        }

        /**
         * The client encodes and decodes these formats only (and link format), and advertises exactly them in its
         * root link's {@code ct}: a client without TLV.
         */
        public Builder formats(ContentFormat... onlyThese) {
            this.formats = List.of(onlyThese);
            return this;
        }

        public Builder object(int objId, LwM2mInstanceEnabler... instances) {
            objects.put(objId, List.of(instances));
            return this;
        }

        public TestClient build() {
            ObjectsInitializer init = new ObjectsInitializer(new StaticModel(models));
            if (bootstrapUri != null) {
                init.setInstancesForObject(LwM2mId.SECURITY, Security.noSecBootstrap(bootstrapUri));
                init.setClassForObject(LwM2mId.SERVER, Server.class);
            } else {
                init.setInstancesForObject(LwM2mId.SECURITY, Security.noSec(serverUri, 1));
                init.setInstancesForObject(LwM2mId.SERVER, new Server(1, lifetime));
            }
            init.setInstancesForObject(LwM2mId.DEVICE, new Device("mipl-hil", "test-client", "1"));
            objects.forEach((id, list) -> {
                init.setInstancesForObject(id, list.toArray(new LwM2mInstanceEnabler[0]));
                // the test enablers have no default constructor; instances created by a server are plain ones
                init.setFactoryForObject(id, new BaseInstanceEnablerFactory() {
                    @Override
                    public LwM2mInstanceEnabler create() {
                        return new SimpleInstanceEnabler();
                    }
                });
            });

            CaliforniumClientEndpointsProvider.Builder eb =
                    new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider());
            Configuration c = eb.createDefaultConfiguration();
            CoapSettings.defaults().withProtocolStageThreads(CLIENT_PROTOCOL_THREADS).applyTo(c);
            eb.setConfiguration(c);
            eb.setClientAddress(InetAddress.getLoopbackAddress());

            DefaultRegistrationEngineFactory engine = new DefaultRegistrationEngineFactory();
            engine.setRequestTimeoutInMs(5_000);
            engine.setDeregistrationTimeoutInMs(5_000);
            engine.setRetryWaitingTimeInMs(500);

            LeshanClientBuilder b = new LeshanClientBuilder(endpoint);
            b.setObjects(init.createAll());
            b.setEndpointsProviders(eb.build());
            b.setRegistrationEngineFactory(engine);
            if (formats != null) {
                Map<ContentFormat, NodeEncoder> enc = new LinkedHashMap<>(DefaultLwM2mEncoder.getDefaultNodeEncoders(false));
                enc.keySet().retainAll(formats);
                Map<ContentFormat, NodeDecoder> dec = new LinkedHashMap<>(DefaultLwM2mDecoder.getDefaultNodeDecoders(false));
                dec.keySet().retainAll(formats);
                b.setEncoder(new DefaultLwM2mEncoder(enc, DefaultLwM2mEncoder.getDefaultPathEncoder(),
                        new LwM2mValueChecker()));
                b.setDecoder(new DefaultLwM2mDecoder(dec, DefaultLwM2mDecoder.getDefaultPathDecoder()));
                List<ContentFormat> advertised = formats;
                b.setLinkFormatHelper(new LinkFormatHelper(LwM2mVersion.getDefault()) {
                    @Override
                    public Link[] getClientDescription(Collection<LwM2mObjectEnabler> enablers, String rootPath,
                                                       List<ContentFormat> ignored) {
                        return super.getClientDescription(enablers, rootPath, advertised);
                    }
                });
            }
            LeshanClient client = b.build();
            TestClient tc = new TestClient(client, endpoint);
            client.addObserver(new LwM2mClientObserverAdapter() {
                @Override
                public void onBootstrapSuccess(LwM2mServer bsserver, BootstrapRequest request) {
                    tc.clientEvents.add("bootstrap-success");
                }

                @Override
                public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String id) {
                    tc.clientEvents.add("registered");
                }
            });
            return tc;
        }

        public TestClient start() {
            return build().start();
        }
    }
}
