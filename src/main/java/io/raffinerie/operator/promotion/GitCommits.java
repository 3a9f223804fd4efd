package io.raffinerie.operator.promotion;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.PromotionCommit;
import io.raffinerie.api.v1alpha1.PromotionGit;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.model.promotion.GitManifests;
import io.raffinerie.model.promotion.PlannedWrite;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Commits a promotion into a GitOps-managed environment to the repository its tool syncs (JGit): a fresh clone of
 * the branch, the manifests changed (GitManifests), one commit naming the promotion, a push. A push the remote
 * refuses because the branch moved is made again on a fresh clone; a repository that already holds the manifests
 * gets no commit (a promotion done before the operator restarted).
 */
@ApplicationScoped
public class GitCommits {
    private static final int ATTEMPTS = 3;
    private static final PersonIdent AUTHOR = new PersonIdent("Raffinerie", "raffinerie@raffinerie.io");
    private final KubernetesClient client;

    public GitCommits(KubernetesClient client) {
        this.client = client;
    }

    /** Thrown with a message for the promotion's condition: the repository could not be read or written. */
    public static final class GitFailure extends RuntimeException {
        GitFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public PromotionCommit commit(DataPromotion promotion, PromotionGit git, List<PlannedWrite> writes,
            Function<PlannedWrite, String> changeCause, String message) {
        CredentialsProvider credentials = credentials(promotion.getMetadata().getNamespace(), git.credentialsSecretRef);
        String directory = git.path == null ? "" : git.path.replaceAll("^/+|/+$", "");
        for (int attempt = 1; ; attempt++) {
            Path work = temporary();
            try (Git repository = Git.cloneRepository().setURI(git.repository).setBranch(git.branchOrDefault()).setDirectory(work.toFile())
                    .setCredentialsProvider(credentials).call()) {
                GitManifests.Change change = GitManifests.apply(read(work, directory), directory,
                        promotion.getMetadata().getNamespace(), writes, changeCause);
                PromotionCommit result = new PromotionCommit();
                result.repository = git.repository;
                result.branch = git.branchOrDefault();
                result.files = new ArrayList<>(change.files().keySet());
                if (change.isEmpty()) {
                    result.commit = repository.getRepository().resolve("HEAD").name();
                    return result;
                }
                write(repository, work, change);
                RevCommit commit = repository.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
                if (pushed(repository, credentials, result.branch)) {
                    result.commit = commit.name();
                    return result;
                }
                if (attempt == ATTEMPTS) {
                    throw new GitFailure("the push to " + git.repository + " (" + result.branch + ") was refused " + ATTEMPTS
                            + " times: the branch keeps moving", null);
                }
            } catch (GitAPIException | IOException e) {
                throw new GitFailure(git.repository + " (" + git.branchOrDefault() + "): " + e.getMessage(), e);
            } finally {
                delete(work);
            }
        }
    }

    private static boolean pushed(Git repository, CredentialsProvider credentials, String branch) throws GitAPIException {
        for (PushResult result : repository.push().setRemote("origin").setCredentialsProvider(credentials)
                .setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    if (update.getStatus() == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD) {
                        return false;
                    }
                    throw new GitFailure("the push of " + branch + " was refused: " + update.getStatus()
                            + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"), null);
                }
            }
        }
        return true;
    }

    /** The YAML files under the directory, by path relative to the repository's root. */
    private static Map<String, String> read(Path root, String directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path base = directory.isEmpty() ? root : root.resolve(directory);
        if (!Files.isDirectory(base)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.filter(p -> !p.startsWith(root.resolve(".git")) && Files.isRegularFile(p)
                    && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))).toList()) {
                files.put(root.relativize(path).toString(), Files.readString(path));
            }
        }
        return files;
    }

    private static void write(Git repository, Path root, GitManifests.Change change) throws IOException, GitAPIException {
        for (Map.Entry<String, String> file : change.files().entrySet()) {
            Path path = root.resolve(file.getKey());
            if (file.getValue() == null) {
                repository.rm().addFilepattern(file.getKey()).call();
                continue;
            }
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            repository.add().addFilepattern(file.getKey()).call();
        }
    }

    private CredentialsProvider credentials(String namespace, SecretKeyRef ref) {
        if (ref == null) {
            return null;
        }
        Secret secret = client.secrets().inNamespace(namespace).withName(ref.name).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(ref.key)) {
            throw new GitFailure("Secret " + ref.name + " of " + namespace + " (spec.promotion.git.credentialsSecretRef) does not"
                    + " exist or has no key " + ref.key, null);
        }
        String user = secret.getData().containsKey("username") ? decode(secret.getData().get("username")) : "git";
        return new UsernamePasswordCredentialsProvider(user, decode(secret.getData().get(ref.key)));
    }

    private static String decode(String value) {
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("raffinerie-promotion-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
