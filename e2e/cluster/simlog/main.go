// Command raffinerie-simlog serves simulated container logs in a KWOK cluster.
//
// KWOK answers `kubectl logs` from files named by Logs / ClusterLogs resources; a Logs resource names one
// file for one pod, and its content cannot be templated. This helper, run by kwokctl as a component of
// the cluster, closes the gap: for every pod that carries the annotation raffinerie.io/sim-log it writes
// the annotation's text, one log line per line, into a file in the CRI log format and creates a Logs
// resource (kwok.x-k8s.io/v1alpha1, same namespace and name as the pod, owned by the pod) pointing at it.
// The file is removed when the pod goes away; the Logs resource is garbage-collected with its owner.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/workqueue"
)

const (
	annotation   = "raffinerie.io/sim-log"
	managedLabel = "raffinerie.io/simlog"
)

var logsGVR = schema.GroupVersionResource{Group: "kwok.x-k8s.io", Version: "v1alpha1", Resource: "logs"}

type helper struct {
	pods    kubernetes.Interface
	dyn     dynamic.Interface
	lister  cache.Indexer
	dir     string
	queue   workqueue.TypedRateLimitingInterface[string]
	mu      sync.Mutex
	written map[string]string // pod key -> uid/content hash already served
}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the cluster")
	dir := flag.String("dir", "", "directory for the log files")
	flag.Parse()
	if *kubeconfig == "" || *dir == "" {
		log.Fatal("--kubeconfig and --dir are required")
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		log.Fatal(err)
	}
	// The cluster-wide default (ClusterLogs) for pods without the annotation: no output.
	if err := os.WriteFile(filepath.Join(*dir, "empty.log"), nil, 0o644); err != nil {
		log.Fatal(err)
	}

	var cfg, err = clientcmd.BuildConfigFromFlags("", *kubeconfig)
	for err != nil {
		// kwokctl may start this component before it wrote the kubeconfig.
		log.Printf("waiting for kubeconfig: %v", err)
		time.Sleep(time.Second)
		cfg, err = clientcmd.BuildConfigFromFlags("", *kubeconfig)
	}
	cfg.QPS, cfg.Burst = 100, 200
	cfg.UserAgent = "raffinerie-simlog"

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer cancel()

	h := &helper{
		pods:    kubernetes.NewForConfigOrDie(cfg),
		dyn:     dynamic.NewForConfigOrDie(cfg),
		dir:     *dir,
		queue:   workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
		written: map[string]string{},
	}
	factory := informers.NewSharedInformerFactory(h.pods, 0)
	informer := factory.Core().V1().Pods().Informer()
	h.lister = informer.GetIndexer()
	enqueue := func(obj any) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			h.queue.Add(key)
		}
	}
	_, _ = informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, obj any) { enqueue(obj) },
		DeleteFunc: enqueue,
	})
	factory.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), informer.HasSynced) {
		log.Fatal("pod informer did not sync")
	}
	log.Printf("serving %s annotations from %s", annotation, *dir)

	for i := 0; i < 4; i++ {
		go func() {
			for h.next(ctx) {
			}
		}()
	}
	<-ctx.Done()
	h.queue.ShutDown()
}

func (h *helper) next(ctx context.Context) bool {
	key, quit := h.queue.Get()
	if quit {
		return false
	}
	defer h.queue.Done(key)
	if err := h.sync(ctx, key); err != nil {
		log.Printf("sync %s: %v", key, err)
		h.queue.AddRateLimited(key)
		return true
	}
	h.queue.Forget(key)
	return true
}

func (h *helper) file(namespace, name string) string {
	return filepath.Join(h.dir, namespace+"_"+name+".log")
}

func (h *helper) sync(ctx context.Context, key string) error {
	namespace, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil
	}
	obj, exists, err := h.lister.GetByKey(key)
	if err != nil {
		return err
	}
	var pod *corev1.Pod
	if exists {
		pod = obj.(*corev1.Pod)
	}
	content, annotated := "", false
	if pod != nil {
		content, annotated = pod.Annotations[annotation]
	}
	if !annotated {
		h.mu.Lock()
		_, had := h.written[key]
		delete(h.written, key)
		h.mu.Unlock()
		if had {
			_ = os.Remove(h.file(namespace, name))
			if pod != nil { // annotation removed from a live pod: stop serving it
				err := h.dyn.Resource(logsGVR).Namespace(namespace).Delete(ctx, name, metav1.DeleteOptions{})
				if err != nil && !apierrors.IsNotFound(err) {
					return err
				}
			}
		}
		return nil
	}

	content = h.expand(ctx, pod, content)
	sum := sha256.Sum256([]byte(string(pod.UID) + "\x00" + content))
	state := hex.EncodeToString(sum[:])
	h.mu.Lock()
	done := h.written[key] == state
	h.mu.Unlock()
	if done {
		return nil
	}

	path := h.file(namespace, name)
	if err := writeCRILog(path, content, pod.CreationTimestamp.Time); err != nil {
		return err
	}
	if err := h.applyLogs(ctx, pod, path); err != nil {
		return err
	}
	h.mu.Lock()
	h.written[key] = state
	h.mu.Unlock()
	log.Printf("serving %d bytes of logs for pod %s", len(content), key)
	return nil
}

// expand replaces $(NAME) with the value the pod's first container would see in its environment variable NAME
// (a plain value, a Secret's or a ConfigMap's key, or a ConfigMap of envFrom), as a real container printing its
// environment would: tests plant a secret's value in a log without writing it anywhere else.
func (h *helper) expand(ctx context.Context, pod *corev1.Pod, content string) string {
	if len(pod.Spec.Containers) == 0 || !strings.Contains(content, "$(") {
		return content
	}
	container := pod.Spec.Containers[0]
	values := map[string]string{}
	for _, from := range container.EnvFrom {
		if from.ConfigMapRef == nil {
			continue
		}
		cm, err := h.pods.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, from.ConfigMapRef.Name, metav1.GetOptions{})
		if err == nil {
			for k, v := range cm.Data {
				values[k] = v
			}
		}
	}
	for _, env := range container.Env {
		switch {
		case env.ValueFrom == nil:
			values[env.Name] = env.Value
		case env.ValueFrom.SecretKeyRef != nil:
			secret, err := h.pods.CoreV1().Secrets(pod.Namespace).Get(ctx, env.ValueFrom.SecretKeyRef.Name, metav1.GetOptions{})
			if err == nil {
				values[env.Name] = string(secret.Data[env.ValueFrom.SecretKeyRef.Key])
			}
		case env.ValueFrom.ConfigMapKeyRef != nil:
			cm, err := h.pods.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, env.ValueFrom.ConfigMapKeyRef.Name, metav1.GetOptions{})
			if err == nil {
				values[env.Name] = cm.Data[env.ValueFrom.ConfigMapKeyRef.Key]
			}
		}
	}
	for name, value := range values {
		content = strings.ReplaceAll(content, "$("+name+")", value)
	}
	return content
}

// writeCRILog writes content in the CRI log format read by KWOK: "<RFC3339Nano> stdout F <line>".
func writeCRILog(path, content string, at time.Time) error {
	if at.IsZero() {
		at = time.Now()
	}
	ts := at.UTC().Format(time.RFC3339Nano)
	var b strings.Builder
	lines := strings.Split(strings.TrimSuffix(content, "\n"), "\n")
	if content == "" {
		lines = nil
	}
	for _, line := range lines {
		fmt.Fprintf(&b, "%s stdout F %s\n", ts, strings.TrimSuffix(line, "\r"))
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func (h *helper) applyLogs(ctx context.Context, pod *corev1.Pod, path string) error {
	desired := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "kwok.x-k8s.io/v1alpha1",
		"kind":       "Logs",
		"metadata": map[string]any{
			"name":      pod.Name,
			"namespace": pod.Namespace,
			"labels":    map[string]any{managedLabel: "true"},
			"ownerReferences": []any{map[string]any{
				"apiVersion": "v1",
				"kind":       "Pod",
				"name":       pod.Name,
				"uid":        string(pod.UID),
			}},
		},
		"spec": map[string]any{
			"logs": []any{map[string]any{"logsFile": path, "follow": false}},
		},
	}}
	client := h.dyn.Resource(logsGVR).Namespace(pod.Namespace)
	existing, err := client.Get(ctx, pod.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		_, err = client.Create(ctx, desired, metav1.CreateOptions{FieldManager: "raffinerie-simlog"})
		if apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("logs %s/%s created concurrently, retrying", pod.Namespace, pod.Name)
		}
		if apierrors.IsNotFound(err) || apierrors.IsForbidden(err) {
			// The namespace is gone or terminating: nothing to serve.
			return nil
		}
		return err
	}
	if err != nil {
		return err
	}
	desired.SetResourceVersion(existing.GetResourceVersion())
	_, err = client.Update(ctx, desired, metav1.UpdateOptions{FieldManager: "raffinerie-simlog"})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}
